// Kiosk06 dashboard: plain JS, no framework, no CDN. Polls the REST API and redraws in place (no reload).
'use strict';

const REFRESH_MS = 5000;
const state = { unit: null, page: 'fleet', tree: [], knownDevices: new Set(), report: null };
const $ = (sel) => document.querySelector(sel);
const nf = new Intl.NumberFormat('de-DE'); // 117.852 — the seeds' thousands separator
const n = (v) => nf.format(v);
const esc = (s) => String(s ?? '').replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]));

const AGE_LABELS = { AGE_14_PLUS: 'từ 14 tuổi', AGE_6_TO_13: '6 đến dưới 14 tuổi', AGE_UNDER_6: 'dưới 6 tuổi' };

function pad(v) { return String(v).padStart(2, '0'); }
function iso(d) { return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`; }
function todayHcm() {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
  const [y, m, d] = parts.split('-').map(Number);
  return new Date(y, m - 1, d);
}

/** The period spec of the chosen calendar containing `day`. */
function specFor(kind, day) {
  if (kind === 'month11') {
    // A month runs 11th → 10th and is named by the month its last day falls in.
    const named = day.getDate() >= 11 ? new Date(day.getFullYear(), day.getMonth() + 1, 1) : day;
    return `month:11@${named.getFullYear()}-${pad(named.getMonth() + 1)}`;
  }
  if (kind === 'month1') return `month:1@${day.getFullYear()}-${pad(day.getMonth() + 1)}`;
  if (kind === 'week') return `week:WED@${iso(day)}`;
  if (kind === 'cumulative') {
    const since = goLiveOf(state.unit) || '2025-01-01';
    return `cumulative:${since}..${iso(day)}`;
  }
  return $('#period').value;
}

function goLiveOf(code) {
  let best = null;
  const walk = (nodes, inside) => nodes.forEach((u) => {
    const within = inside || u.code === code;
    if (within && u.goLive && (!best || u.goLive < best)) best = u.goLive;
    walk(u.children || [], within);
  });
  walk(state.tree, false);
  return best;
}

// The session is an HttpOnly cookie; an ended session (401) sends the page back to the log-in form.
function toLogin() { location.href = `/dashboard/login.html${location.hash}`; }

async function getJson(url) {
  const r = await fetch(url, { cache: 'no-store' });
  if (r.status === 401) { toLogin(); throw new Error('Phiên đăng nhập đã hết'); }
  const body = await r.json().catch(() => ({}));
  if (!r.ok) throw new Error(body.error || `${r.status} ${url}`);
  return body;
}

function query() {
  return `unit=${encodeURIComponent(state.unit)}&period=${encodeURIComponent($('#period').value)}`;
}

// ---- unit tree ------------------------------------------------------------------------------------
function renderTree() {
  const li = (u) => `<li><a data-unit="${esc(u.code)}" class="${u.code === state.unit ? 'selected' : ''}">${esc(u.name)}</a>`
    + `<span class="lvl">${esc(u.code)}</span>`
    + (u.children && u.children.length ? `<ul>${u.children.map(li).join('')}</ul>` : '') + '</li>';
  $('#unit-tree').innerHTML = state.tree.map(li).join('');
}

$('#unit-tree').addEventListener('click', (e) => {
  const a = e.target.closest('a[data-unit]');
  if (!a) return;
  state.unit = a.dataset.unit;
  if ($('#period-kind').value === 'cumulative') $('#period').value = specFor('cumulative', todayHcm());
  renderTree();
  refresh();
});

// ---- fleet ----------------------------------------------------------------------------------------
function ago(ms, now) {
  if (!ms) return '—';
  const s = Math.max(0, Math.round((now - ms) / 1000));
  if (s < 90) return `${s} giây trước`;
  if (s < 5400) return `${Math.round(s / 60)} phút trước`;
  if (s < 172800) return `${Math.round(s / 3600)} giờ trước`;
  return `${Math.round(s / 86400)} ngày trước`;
}

// The hash chain's state as the server words it ("chain ok up to seq N" / "broken at seq N: …"); a gap is not
// necessarily tampering, so it is amber, not red.
const INTEGRITY_BADGE = { ok: 'ok', gap: 'late', broken: 'silent' };
function integrityBadge(i) {
  if (!i || i.state === 'unchecked') return '<span class="badge">chưa kiểm tra</span>';
  return `<span class="badge ${INTEGRITY_BADGE[i.state] || ''}" data-state="${esc(i.state)}">${esc(i.summary)}</span>`;
}

async function refreshFleet() {
  const fleet = await getJson('/api/v1/fleet');
  const rows = fleet.devices.map((d) => {
    const fresh = !state.knownDevices.has(d.deviceId) && state.knownDevices.size > 0;
    state.knownDevices.add(d.deviceId);
    const missing = (d.missing || []).map((r) => r.first === r.last ? r.first : `${r.first}–${r.last}`).join(', ');
    const late = d.lateEvents > 0
      ? `<span class="badge late">${n(d.lateEvents)} sự kiện, ngày ${esc(d.lastLateDay)} (${ago(d.lastLateMs, fleet.nowMs)})</span>` : '—';
    return `<tr data-device="${esc(d.deviceId)}" class="${d.silent ? 'silent' : ''} ${fresh ? 'fresh' : ''}">`
      + `<td>${esc(d.deviceId)}</td><td>${esc(d.unitName)}</td>`
      + `<td>${ago(d.lastSeenMs, fleet.nowMs)}</td><td>${ago(d.lastSyncMs, fleet.nowMs)}</td>`
      + `<td>${d.backlog >= 0 ? n(d.backlog) : '—'}</td>`
      + `<td>${d.clockMeasured ? `${n(d.clockOffsetMs)} ms` : 'chưa đo'}</td>`
      + `<td>${esc(d.appVersion) || '—'}</td><td>${n(d.eventsStored)}</td>`
      + `<td>${missing || '—'}</td><td>${n(d.quarantined)}</td><td>${n(d.eventsCorrected)}</td><td>${n(d.eventsTimeUnknown)}</td><td>${late}</td>`
      + `<td class="integrity">${integrityBadge(d.integrity)}</td>`
      + `<td>${d.silent ? `<span class="badge silent">Im lặng &gt; ${fleet.silentAfterDays} ngày</span>` : '<span class="badge ok">Hoạt động</span>'}</td></tr>`;
  });
  $('#fleet-table tbody').innerHTML = rows.join('');
  const silent = fleet.devices.filter((d) => d.silent).length;
  $('#fleet-summary').textContent = `${n(fleet.devices.length)} thiết bị, ${n(silent)} im lặng`;
}

// ---- figures ------------------------------------------------------------------------------------
function card(label, value, sub) {
  return `<div class="card"><div class="l">${esc(label)}</div><div class="v">${value}</div><div class="s">${sub || ''}</div></div>`;
}

function renderFigures(r) {
  const f = r.figures;
  $('#figures-title').textContent = `Chỉ số — ${r.unitName} (${r.period.display})`;
  const rate = f.cardReadSuccessPercent == null ? '—' : `${String(f.cardReadSuccessPercent).replace('.', ',')}%`;
  const cum = r.cumulative ? `Lũy kế từ ${r.cumulative.firstDay}: ${n(r.cumulative.figures.receptions)} ca` : '';
  $('#cards').innerHTML = [
    card('Kiosk tiếp nhận', n(f.receptions), `${n(f.receptionsBhyt)} BHYT · ${n(f.receptionsFee)} thu phí<br>${cum}`),
    card('Tạo mã giao dịch', n(f.transactionCodes)),
    card('Thanh toán qua Kiosk', n(f.payments), `${n(f.paymentsVnd)}đ`),
    card('Tra cứu thành công', `${n(f.cardReadsOk)}/${n(f.cardReads)}`, rate),
    card('Hỗ trợ tại cộng đồng', n(f.fieldAssistsTotal), `VNeID mức 2: ${n(Object.values(f.fieldAssists.VNEID_L2_ACTIVATION).reduce((a, b) => a + b, 0))}`),
    card('Công dân (không trùng)', n(f.uniqueCitizens)),
    card('Thiết bị hoạt động', n(f.activeDevices), `${n(f.silentDevices)} im lặng > ${r.silentAfterDays} ngày`),
    card('Chưa rõ thời điểm', n(f.timeUnknown), 'không tính vào kỳ nào'),
  ].join('');
  $('#targets').innerHTML = r.targets.length ? r.targets.map((t) => {
    const pct = Math.min(100, Number(t.percent));
    return `<div class="target"><b>${esc(t.activityVi)}</b> (${t.ageGroups.map((g) => AGE_LABELS[g] || g).join(', ')}): ${n(t.achieved)}/${n(t.denominator)}`
      + ` — ${String(t.percent).replace('.', ',')}% / chỉ tiêu ${String(t.targetPercent).replace('.', ',')}%`
      + `<div class="bar"><div class="fill ${t.met ? '' : 'short'}" style="width:${pct}%"></div>`
      + `<div class="goal" style="left:${Math.min(100, Number(t.targetPercent))}%"></div></div></div>`;
  }).join('') : '<p class="muted">Không có chỉ tiêu cho đơn vị này.</p>';
}

async function refreshChildren() {
  const node = findNode(state.tree, state.unit);
  const kids = node && node.children ? node.children.filter((c) => c.level !== 'DEVICE' || true) : [];
  const rows = await Promise.all(kids.slice(0, 30).map(async (c) => {
    const r = await getJson(`/api/v1/report?unit=${encodeURIComponent(c.code)}&period=${encodeURIComponent($('#period').value)}`);
    const f = r.figures;
    return `<tr><td><a href="#figures" data-drill="${esc(c.code)}">${esc(c.name)}</a></td><td>${n(f.receptions)}</td>`
      + `<td>${n(f.cardReadsOk)}/${n(f.cardReads)}</td><td>${n(f.fieldAssistsTotal)}</td><td>${n(f.uniqueCitizens)}</td></tr>`;
  }));
  $('#children-table tbody').innerHTML = rows.join('') || '<tr><td colspan="5" class="muted">Không có đơn vị trực thuộc.</td></tr>';
}

$('#children-table').addEventListener('click', (e) => {
  const a = e.target.closest('a[data-drill]');
  if (!a) return;
  e.preventDefault();
  state.unit = a.dataset.drill;
  renderTree();
  refresh();
});

function findNode(nodes, code) {
  for (const u of nodes) {
    if (u.code === code) return u;
    const f = findNode(u.children || [], code);
    if (f) return f;
  }
  return null;
}

async function refreshChart() {
  const points = await getJson(`/api/v1/series?${query()}&by=${$('#series-by').value}`);
  const svg = $('#chart');
  const W = 800, H = 220, pad = 24;
  const keys = [['receptions', '#0b5394'], ['cardReads', '#e69138'], ['fieldAssists', '#38761d']];
  const max = Math.max(1, ...points.flatMap((p) => keys.map(([k]) => p[k])));
  const x = (i) => pad + (points.length <= 1 ? 0 : (i * (W - 2 * pad)) / (points.length - 1));
  const y = (v) => H - pad - (v * (H - 2 * pad)) / max;
  let out = `<line x1="${pad}" y1="${H - pad}" x2="${W - pad}" y2="${H - pad}" stroke="#bbb"/>`
    + `<text x="2" y="${pad}" font-size="11" fill="#666">${n(max)}</text>`;
  keys.forEach(([k, color]) => {
    out += `<polyline fill="none" stroke="${color}" stroke-width="2" points="${points.map((p, i) => `${x(i)},${y(p[k])}`).join(' ')}"/>`;
  });
  if (points.length) {
    out += `<text x="${pad}" y="${H - 6}" font-size="11" fill="#666">${points[0].from}</text>`
      + `<text x="${W - pad}" y="${H - 6}" font-size="11" fill="#666" text-anchor="end">${points[points.length - 1].to}</text>`;
  }
  svg.innerHTML = out;
}

// ---- report -------------------------------------------------------------------------------------
function renderReport(r) {
  $('#report-title').textContent = `Báo cáo — ${r.unitName} (${r.period.display})`;
  $('#paragraph').textContent = $('#english').checked ? r.paragraphEn : r.paragraphVi;
  $('#csv-link').href = `/api/v1/report.csv?${query()}`;
  $('#xlsx-link').href = `/api/v1/report.xlsx?${query()}`;
}

$('#english').addEventListener('change', () => state.report && renderReport(state.report));
$('#copy').addEventListener('click', async () => {
  const text = $('#paragraph').textContent;
  try {
    await navigator.clipboard.writeText(text);
  } catch (e) { // plain http on a LAN has no clipboard API: select the text for Ctrl+C instead
    const range = document.createRange();
    range.selectNodeContents($('#paragraph'));
    const sel = getSelection(); sel.removeAllRanges(); sel.addRange(range);
    document.execCommand('copy');
  }
  $('#copied').textContent = 'Đã sao chép';
  setTimeout(() => { $('#copied').textContent = ''; }, 2000);
});

// ---- admin --------------------------------------------------------------------------------------
async function post(url, form) {
  const body = Object.fromEntries(new FormData(form).entries());
  const r = await fetch(url, { method: 'POST', headers: csrfHeaders({ 'Content-Type': 'application/json' }), body: JSON.stringify(body) });
  if (r.status === 401) { toLogin(); return; }
  const res = await r.json().catch(() => ({}));
  $('#admin-result').innerHTML = r.ok ? `<p>${esc(res.message)}</p>` : `<p class="error">${esc(res.error || r.status)}</p>`;
  if (r.ok) { state.tree = await getJson('/api/v1/units'); renderTree(); }
}
$('#add-unit').addEventListener('submit', (e) => { e.preventDefault(); post('/api/v1/admin/units', e.target); });
$('#move-device').addEventListener('submit', (e) => { e.preventDefault(); post('/api/v1/admin/device-unit', e.target); });
$('#set-target').addEventListener('submit', (e) => { e.preventDefault(); post('/api/v1/admin/targets', e.target); });

// ---- device enrollment: register (one-time code + QR), list, revoke ---------------------------------
const DEVICE_STATES = {
  PENDING: ['Chờ kích hoạt', 'pending'], CODE_EXPIRED: ['Mã hết hạn', 'expired'],
  ENROLLED: ['Đã kích hoạt', 'ok'], REVOKED: ['Đã thu hồi', 'revoked'],
};
const when = (ms) => (ms == null ? '' : new Date(ms).toLocaleString('vi-VN'));

async function refreshDevices() {
  const r = await getJson('/api/v1/admin/devices');
  const note = $('#devices-insecure');
  note.classList.toggle('hidden', !r.insecure);
  note.textContent = r.insecure ? `Máy chủ đang chạy --insecure: không có chứng chỉ TLS nên không cấp được mã kích hoạt `
    + `(mã phải mang dấu vân tay chứng chỉ để thiết bị ghim). ${r.note || ''}` : '';
  $('#register-device button').disabled = r.insecure;
  // The API leaves an empty list out of its JSON.
  $('#devices-table tbody').innerHTML = (r.devices || []).map((d) => {
    const [label, css] = DEVICE_STATES[d.state] || [d.state, ''];
    const revoke = d.state === 'REVOKED' ? ''
      : `<button type="button" data-revoke="${esc(d.deviceId)}">Thu hồi</button>`;
    return `<tr data-device="${esc(d.deviceId)}" data-state="${esc(d.state)}"><td>${esc(d.deviceId)}</td><td>${esc(d.unit)}</td>`
      + `<td><span class="badge ${css}" title="${esc(d.state)}">${esc(label)}</span></td>`
      + `<td>${esc(when(d.registeredAtMs))} <span class="muted">${esc(d.registeredBy)}</span></td>`
      + `<td>${esc(when(d.codeExpiresAtMs))}</td><td>${esc(when(d.enrolledAtMs))}</td>`
      + `<td>${esc(when(d.revokedAtMs))} <span class="muted">${esc(d.revokedBy || '')}</span></td><td>${revoke}</td></tr>`;
  }).join('') || '<tr><td colspan="8" class="muted">Chưa có thiết bị nào được đăng ký trong phạm vi này.</td></tr>';
}

$('#register-device').addEventListener('submit', async (e) => {
  e.preventDefault();
  const body = Object.fromEntries(new FormData(e.target).entries());
  const r = await fetch('/api/v1/admin/devices', { method: 'POST', headers: csrfHeaders({ 'Content-Type': 'application/json' }), body: JSON.stringify(body) });
  if (r.status === 401) { toLogin(); return; }
  const res = await r.json().catch(() => ({}));
  if (!r.ok) {
    $('#register-result').innerHTML = `<p class="error">${esc(res.error || r.status)}</p>`;
    return;
  }
  $('#register-result').innerHTML = `<p>${esc(res.message)}</p>`;
  // Shown once: the server keeps only the code's hash, so closing this panel loses it for good.
  $('#issued-device').textContent = res.deviceId;
  $('#issued-code').textContent = res.code;
  $('#issued-qr').src = res.qr;
  $('#issued-expiry').textContent = when(res.expiresAtMs);
  $('#issued-fingerprint').textContent = res.fingerprint;
  $('#issued').classList.remove('hidden');
  e.target.reset();
  refreshDevices();
});

$('#issued-close').addEventListener('click', () => {
  $('#issued').classList.add('hidden');
  $('#issued-code').textContent = '';
  $('#issued-qr').removeAttribute('src');
});

$('#devices-table').addEventListener('click', async (e) => {
  const b = e.target.closest('button[data-revoke]');
  if (!b) return;
  const id = b.dataset.revoke;
  if (!window.confirm(`Thu hồi thiết bị ${id}? Lần gọi tiếp theo của thiết bị sẽ bị từ chối; muốn dùng lại phải đăng ký và kích hoạt lại.`)) return;
  const r = await fetch(`/api/v1/admin/devices/${encodeURIComponent(id)}/revoke`, { method: 'POST', headers: csrfHeaders({ 'Content-Type': 'application/json' }), body: '{}' });
  if (r.status === 401) { toLogin(); return; }
  const res = await r.json().catch(() => ({}));
  $('#register-result').innerHTML = r.ok ? `<p>${esc(res.message)}</p>` : `<p class="error">${esc(res.error || r.status)}</p>`;
  refreshDevices();
});

// ---- the signed-in user: CSRF token, role, log-out, audit log --------------------------------------
// Every state-changing request carries the session's CSRF token; the server refuses it otherwise.
function csrfHeaders(headers) { return Object.assign({ 'X-CSRF-Token': state.me ? state.me.csrfToken : '' }, headers); }

function showUser() {
  const roles = { admin: 'quản trị', viewer: 'xem' };
  $('#me').textContent = `${state.me.name} (${roles[state.me.role] || state.me.role} · ${state.me.unit})`;
  const admin = state.me.role === 'admin';
  $('#nav-admin').classList.toggle('hidden', !admin);
  $('#nav-audit').classList.toggle('hidden', !admin);
  $('#nav-devices').classList.toggle('hidden', !admin);
  $('#devices-scope').textContent = `trong phạm vi ${state.me.unit}`;
  $('#admin-scope').textContent = `trong phạm vi ${state.me.unit}`;
}

$('#logout').addEventListener('click', async () => {
  await fetch('/api/v1/session', { method: 'DELETE', headers: csrfHeaders({}) }).catch(() => {});
  location.href = '/dashboard/login.html';
});

async function refreshAudit() {
  const rows = await getJson('/api/v1/admin/audit?limit=200');
  $('#audit-table tbody').innerHTML = rows.map((a) => `<tr data-audit="${esc(a.action)}"><td>${esc(new Date(a.atMs).toLocaleString('vi-VN'))}</td>`
    + `<td>${esc(a.actor)}</td><td>${esc(a.action)}</td><td>${esc(a.subject)}</td><td>${esc(a.detail)}</td></tr>`).join('')
    || '<tr><td colspan="5" class="muted">Chưa có mục nào.</td></tr>';
}

// ---- navigation and refresh ---------------------------------------------------------------------
function showPage() {
  state.page = (location.hash || '#fleet').slice(1);
  document.querySelectorAll('.page').forEach((p) => p.classList.toggle('shown', p.id === `page-${state.page}`));
  document.querySelectorAll('header nav a').forEach((a) => a.classList.toggle('active', a.id === `nav-${state.page}`));
}
window.addEventListener('hashchange', () => { showPage(); refresh(); });

$('#period-kind').addEventListener('change', () => {
  if ($('#period-kind').value !== 'custom') $('#period').value = specFor($('#period-kind').value, todayHcm());
  refresh();
});
$('#period').addEventListener('change', refresh);
$('#series-by').addEventListener('change', refresh);
function step(dir) {
  const m = /^(\w+):(.*?)@(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec($('#period').value);
  if (!m) return;
  const d = new Date(Number(m[3]), Number(m[4]) - 1, Number(m[5] || 1));
  if (m[1] === 'week') d.setDate(d.getDate() + 7 * dir); else d.setMonth(d.getMonth() + dir);
  $('#period').value = m[1] === 'week' ? `week:${m[2]}@${iso(d)}` : `${m[1]}:${m[2]}@${d.getFullYear()}-${pad(d.getMonth() + 1)}`;
  refresh();
}
$('#prev').addEventListener('click', () => step(-1));
$('#next').addEventListener('click', () => step(1));

let busy = false;
async function refresh() {
  if (busy) return;
  busy = true;
  try {
    $('#period-error').textContent = '';
    if (state.page === 'fleet') await refreshFleet();
    if (state.page === 'audit' && state.me.role === 'admin') await refreshAudit();
    if (state.page === 'devices' && state.me.role === 'admin') await refreshDevices();
    if (state.page === 'figures' || state.page === 'report') {
      const r = await getJson(`/api/v1/report?${query()}`);
      state.report = r;
      if (state.page === 'figures') { renderFigures(r); await Promise.all([refreshChart(), refreshChildren()]); }
      if (state.page === 'report') renderReport(r);
    }
    $('#refreshed').textContent = `Cập nhật ${new Date().toLocaleTimeString('vi-VN')}`;
  } catch (e) {
    $('#period-error').textContent = e.message;
  } finally {
    busy = false;
  }
}

(async function start() {
  showPage();
  state.me = await getJson('/api/v1/session');
  showUser();
  state.tree = await getJson('/api/v1/units');
  const params = new URLSearchParams(location.search);
  state.unit = params.get('unit') || (state.tree[0] && state.tree[0].code);
  $('#period').value = params.get('period') || specFor('month11', todayHcm());
  if (params.get('period')) $('#period-kind').value = 'custom';
  renderTree();
  await refresh();
  setInterval(async () => {
    try { state.tree = await getJson('/api/v1/units'); renderTree(); } catch (e) { /* next round */ }
    refresh();
  }, REFRESH_MS);
}());
