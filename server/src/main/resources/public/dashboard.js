// Kiosk06 dashboard: plain JS, no framework, no CDN. Polls the REST API and updates figures in place: an element
// is rewritten only when its content changed, and polling pauses while the person selects text, types, or the tab
// is hidden, so a refresh never takes away what they are reading or selecting. Words come from i18n.js.
'use strict';

const REFRESH_MS = 5000;
const state = { unit: null, page: 'fleet', tree: [], knownDevices: new Set(), report: null, spec: null, choices: null, me: null };
const $ = (sel) => document.querySelector(sel);
const esc = (s) => String(s ?? '').replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]));
// Vietnamese groups thousands with "." (117.852), English with "," (117,852).
const n = (v) => new Intl.NumberFormat(LANG === 'en' ? 'en-US' : 'de-DE').format(v ?? 0);
const pct = (v) => (v == null ? '—' : `${LANG === 'en' ? String(v) : String(v).replace('.', ',')}%`);
const list = (v) => (Array.isArray(v) ? v : []); // the API may leave an empty list out of its JSON

/** dd/MM/yyyy from yyyy-MM-dd, the form official texts use. */
function vnDate(isoDay) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDay || '');
  return m ? `${m[3]}/${m[2]}/${m[1]}` : (isoDay || '');
}

/** Sets an element's HTML only when it changed, so an unchanged part keeps its selection, focus and scroll. */
function setHtml(el, html) {
  if (el.dataset.html !== html) { el.innerHTML = html; el.dataset.html = html; }
}
function setText(el, text) {
  if (el.textContent !== text) el.textContent = text;
}

// The session is an HttpOnly cookie; an ended session (401) sends the page back to the log-in form.
function toLogin() { location.href = `/dashboard/login.html${location.hash}`; }

async function getJson(url) {
  const r = await fetch(url, { cache: 'no-store' });
  if (r.status === 401) { toLogin(); throw new Error(t('sessionEnded')); }
  const body = await r.json().catch(() => ({}));
  if (!r.ok) throw new Error(body.error || `${r.status} ${url}`);
  return body;
}

function query() {
  return `unit=${encodeURIComponent(state.unit)}&period=${encodeURIComponent(state.spec)}`;
}

// ---- unit tree: buttons, so Tab and Enter reach every unit; a pseudo-unit's code ("_unassigned") is not shown -----
function renderTree() {
  const li = (u) => `<li><button type="button" data-unit="${esc(u.code)}" class="${u.code === state.unit ? 'selected' : ''}"`
    + `${u.code === state.unit ? ' aria-current="true"' : ''}>${esc(u.name)}${u.code.startsWith('_') ? '' : ` <span class="lvl">${esc(u.code)}</span>`}</button>`
    + (list(u.children).length ? `<ul>${list(u.children).map(li).join('')}</ul>` : '') + '</li>';
  setHtml($('#unit-tree'), state.tree.map(li).join(''));
}

function chooseUnit(code) {
  state.unit = code;
  renderTree();
  loadChoices().then(refresh);
}

$('#unit-tree').addEventListener('click', (e) => {
  const b = e.target.closest('button[data-unit]');
  if (b) chooseUnit(b.dataset.unit);
});

// ---- period: picked from a list or a calendar, never typed ------------------------------------------------------
async function loadChoices() {
  state.choices = await getJson(`/api/v1/periods?unit=${encodeURIComponent(state.unit)}`);
  renderChoices();
}

function renderChoices() {
  const sel = $('#period-choice');
  const choices = list(state.choices && state.choices.choices);
  const current = choices.find((c) => c.period.spec === state.spec);
  let html = choices.map((c) => `<option value="${esc(c.key)}">${esc(LANG === 'en' ? c.labelEn : c.labelVi)} — ${esc(c.period.display)}</option>`).join('');
  if (!current && state.spec) html += `<option value="picked">${esc(t('picked', state.report ? state.report.period.display : state.spec))}</option>`;
  html += `<option value="custom">${esc(t('customRange'))}</option>`;
  setHtml(sel, html);
  sel.value = current ? current.key : ($('#custom-range').classList.contains('hidden') ? 'picked' : 'custom');
}

$('#period-choice').addEventListener('change', () => {
  const key = $('#period-choice').value;
  const custom = key === 'custom';
  $('#custom-range').classList.toggle('hidden', !custom);
  if (custom) {
    if (state.report) { $('#from').value = state.report.period.firstDay; $('#to').value = state.report.period.lastDay; }
    $('#from').focus();
    return;
  }
  const c = list(state.choices.choices).find((x) => x.key === key);
  if (c) setSpec(c.period.spec);
});

function pickRange() {
  const from = $('#from').value, to = $('#to').value;
  if (!from || !to || from > to) { $('#period-error').textContent = t('rangeInvalid'); return; }
  setSpec(`window:${from}..${to}`);
}
$('#from').addEventListener('change', pickRange);
$('#to').addEventListener('change', pickRange);

function setSpec(spec) {
  state.spec = spec;
  refresh();
}

$('#prev').addEventListener('click', () => state.report && state.report.period.previous && setSpec(state.report.period.previous));
$('#next').addEventListener('click', () => state.report && state.report.period.next && setSpec(state.report.period.next));

function renderPeriod(r) {
  setText($('#period-shown'), t('periodShown', r.period.display));
  $('#prev').disabled = !r.period.previous;
  $('#next').disabled = !r.period.next;
  renderChoices();
  const today = state.choices && state.choices.today;
  const open = today && r.period.lastDay > today && r.period.firstDay <= today;
  const note = $('#report-period-note');
  note.classList.toggle('hidden', !open);
  setText(note, open ? t('unfinished', vnDate(today), vnDate(r.period.lastDay)) : '');
}

// ---- fleet ------------------------------------------------------------------------------------------------------
function ago(ms, now) {
  if (!ms) return '—';
  const s = Math.max(0, Math.round((now - ms) / 1000));
  if (s < 90) return t('secondsAgo', s);
  if (s < 5400) return t('minutesAgo', Math.round(s / 60));
  if (s < 172800) return t('hoursAgo', Math.round(s / 3600));
  return t('daysAgo', Math.round(s / 86400));
}

// The hash chain's state in plain words; the server's technical line stays in the tooltip for staff. A gap is not
// necessarily tampering, so it is amber, not red.
const INTEGRITY_BADGE = { ok: 'ok', gap: 'late', broken: 'silent' };
function integrityBadge(i, gaps) {
  if (!i || i.state === 'unchecked') return `<span class="badge">${esc(t('unchecked'))}</span>`;
  const first = list(i.breaks).length ? i.breaks[0].seq : null;
  // A gap the device's journal salvage explains is not waiting for a resend: it will never come.
  const salvaged = list(gaps).length > 0 && list(gaps).every((g) => g.lostOnDevice);
  const words = i.state === 'ok' ? t('intactUpTo', n(i.checkedThrough))
    : i.state === 'gap' ? (salvaged ? t('gapSalvaged') : t('gapAt', first))
    : t('brokenAt', (list(i.breaks).find((b) => b.tampering) || i.breaks[0] || {}).seq);
  // A broken chain's figures are reported apart (the report's "unverified" line), never in the unit's totals.
  const unverified = i.state === 'broken'
    ? ` <span class="badge silent unverified" data-unverified="true">${esc(t('unverifiedFigures'))}</span>` : '';
  return `<span class="badge ${INTEGRITY_BADGE[i.state] || ''}" data-state="${esc(i.state)}" title="${esc(i.summary)}">${esc(words)}</span>${unverified}`;
}

async function refreshFleet() {
  const fleet = await getJson('/api/v1/fleet');
  const devices = list(fleet.devices);
  const rows = devices.map((d) => {
    const fresh = !state.knownDevices.has(d.deviceId) && state.knownDevices.size > 0;
    state.knownDevices.add(d.deviceId);
    // The server's gap list, each run explained where the device's journal salvage reported it lost.
    const missing = list(d.gaps).map((g) => {
      const run = g.first === g.last ? `${g.first}` : `${g.first}–${g.last}`;
      return g.lostOnDevice ? `<span class="gap-lost" data-gap="${run}">${esc(t('gapLost', run))}</span>` : run;
    }).join(', ');
    const salvages = list(d.salvages).map((v) => `<span class="badge late salvage" title="${esc(v.damagedFile)}: ${esc(v.reason)}">`
      + `${esc(t('salvageBadge', n(v.salvaged), list(v.lost).length
        ? list(v.lost).map((r) => (r.first === r.last ? r.first : `${r.first}–${r.last}`)).join(', ') : t('noneLost')))}</span>`).join(' ');
    const late = d.lateEvents > 0
      ? `<span class="badge late">${esc(t('lateBadge', n(d.lateEvents), vnDate(d.lastLateDay), ago(d.lastLateMs, fleet.nowMs)))}</span>` : '—';
    return `<tr data-device="${esc(d.deviceId)}" class="${d.silent ? 'silent' : ''} ${fresh ? 'fresh' : ''}">`
      + `<td>${esc(d.deviceId)}</td><td>${esc(d.unitName)}</td>`
      + `<td>${ago(d.lastSeenMs, fleet.nowMs)}</td><td>${ago(d.lastSyncMs, fleet.nowMs)}</td>`
      + `<td>${d.backlog >= 0 ? n(d.backlog) : '—'}</td>`
      + `<td>${d.clockMeasured ? `${n(Math.round(d.clockOffsetMs / 1000))} s` : esc(t('notMeasured'))}</td>`
      + `<td>${esc(d.appVersion) || '—'}</td><td>${n(d.eventsStored)}</td>`
      + `<td class="missing">${salvages ? `${salvages}<br>` : ''}${missing || '—'}</td><td>${n(d.quarantined)}</td><td>${n(d.eventsCorrected)}</td><td>${n(d.eventsTimeUnknown)}</td><td>${late}</td>`
      + `<td class="integrity">${integrityBadge(d.integrity, d.gaps)}</td>`
      + `<td>${d.silent ? `<span class="badge silent">${esc(t('silentFor', fleet.silentAfterDays))}</span>` : `<span class="badge ok">${esc(t('active'))}</span>`}</td></tr>`;
  });
  setHtml($('#fleet-table tbody'), rows.join(''));
  setText($('#fleet-summary'), t('fleetSummary', n(devices.length), n(devices.filter((d) => d.silent).length)));
}

// ---- figures ----------------------------------------------------------------------------------------------------
const AGE_KEYS = { AGE_14_PLUS: 'age14', AGE_6_TO_13: 'age6', AGE_UNDER_6: 'age0' };

function card(label, value, sub) {
  return `<div class="card"><div class="l">${esc(label)}</div><div class="v">${value}</div><div class="s">${sub || ''}</div></div>`;
}

function renderFigures(r) {
  const f = r.figures;
  setText($('#figures-title'), t('figuresTitle', r.unitName, r.period.display));
  const cum = r.cumulative ? esc(t('cumulativeSince', vnDate(r.cumulative.firstDay), n(r.cumulative.figures.receptions))) : '';
  const vneid = Object.values((f.fieldAssists || {}).VNEID_L2_ACTIVATION || {}).reduce((a, b) => a + b, 0);
  setHtml($('#cards'), [
    card(t('cardReceptions'), n(f.receptions), `${esc(t('caseSplit', n(f.receptionsBhyt), n(f.receptionsFee)))}<br>${cum}`),
    card(t('cardCodes'), n(f.transactionCodes)),
    card(t('cardPayments'), n(f.payments), LANG === 'en' ? `${n(f.paymentsVnd)} VND` : `${n(f.paymentsVnd)}đ`),
    card(t('cardReads'), `${n(f.cardReadsOk)}/${n(f.cardReads)}`, pct(f.cardReadSuccessPercent)),
    card(t('cardAssists'), n(f.fieldAssistsTotal), esc(t('vneid', n(vneid)))),
    card(t('cardCitizens'), n(f.uniqueCitizens)),
    card(t('cardDevices'), n(f.activeDevices), esc(t('silentSub', n(f.silentDevices), r.silentAfterDays))),
    card(t('cardUnknown'), n(f.timeUnknown), esc(t('inNoPeriod'))),
  ].join(''));
  const targets = list(r.targets);
  setHtml($('#targets'), targets.length ? targets.map((tg) => {
    const fill = Math.min(100, Number(tg.percent));
    const ages = list(tg.ageGroups).map((g) => t(AGE_KEYS[g] || g)).join(', ');
    return `<div class="target">${esc(t('targetLine', t(`act${tg.activity}`), ages, n(tg.achieved), n(tg.denominator), pct(tg.percent), pct(tg.targetPercent)))}`
      + `<div class="bar" role="img" aria-label="${esc(pct(tg.percent))}"><div class="fill ${tg.met ? '' : 'short'}" data-width="${fill}"></div>`
      + `<div class="goal" data-left="${Math.min(100, Number(tg.targetPercent))}"></div></div></div>`;
  }).join('') : `<p class="muted">${esc(t('noTargets'))}</p>`);
  // Set through the DOM, not as style="…" in the markup: the Content-Security-Policy allows no inline styles.
  $('#targets').querySelectorAll('[data-width]').forEach((el) => { el.style.width = `${el.dataset.width}%`; });
  $('#targets').querySelectorAll('[data-left]').forEach((el) => { el.style.left = `${el.dataset.left}%`; });
}

function findNode(nodes, code) {
  for (const u of nodes) {
    if (u.code === code) return u;
    const f = findNode(list(u.children), code);
    if (f) return f;
  }
  return null;
}

async function refreshChildren() {
  const node = findNode(state.tree, state.unit);
  const kids = node ? list(node.children) : [];
  const rows = await Promise.all(kids.slice(0, 30).map(async (c) => {
    const r = await getJson(`/api/v1/report?unit=${encodeURIComponent(c.code)}&period=${encodeURIComponent(state.spec)}`);
    const f = r.figures;
    return `<tr><td><a href="#figures" data-drill="${esc(c.code)}">${esc(c.name)}</a></td><td>${n(f.receptions)}</td>`
      + `<td>${n(f.cardReadsOk)}/${n(f.cardReads)}</td><td>${n(f.fieldAssistsTotal)}</td><td>${n(f.uniqueCitizens)}</td></tr>`;
  }));
  setHtml($('#children-table tbody'), rows.join('') || `<tr><td colspan="5" class="muted">${esc(t('noChildren'))}</td></tr>`);
}

$('#children-table').addEventListener('click', (e) => {
  const a = e.target.closest('a[data-drill]');
  if (!a) return;
  e.preventDefault();
  chooseUnit(a.dataset.drill);
});

// The chart is drawn at the width it is shown at (no stretched text), with its axes labelled, a title on every
// point (hover) and the values of the point nearest a tap or click written below it.
const SERIES = [['receptions', '#0b5394', 'receptions'], ['cardReads', '#b45f06', 'lookups'], ['fieldAssists', '#38761d', 'assists']];
let chartPoints = [];

async function refreshChart() {
  chartPoints = list(await getJson(`/api/v1/series?${query()}&by=${$('#series-by').value}`));
  drawChart();
}

function drawChart() {
  const points = chartPoints;
  const svg = $('#chart');
  const W = Math.max(280, Math.round(svg.clientWidth || 800)), H = 240;
  const left = 44, right = 12, top = 12, bottom = 40;
  const max = Math.max(1, ...points.flatMap((p) => SERIES.map(([k]) => p[k])));
  const x = (i) => left + (points.length <= 1 ? (W - left - right) / 2 : (i * (W - left - right)) / (points.length - 1));
  const y = (v) => H - bottom - (v * (H - top - bottom)) / max;
  let out = '';
  [0, Math.round(max / 2), max].forEach((v) => {
    out += `<line x1="${left}" y1="${y(v)}" x2="${W - right}" y2="${y(v)}" stroke="#d0d6df"/>`
      + `<text x="${left - 6}" y="${y(v) + 4}" font-size="12" fill="#3d4757" text-anchor="end">${n(v)}</text>`;
  });
  SERIES.forEach(([k, color]) => {
    out += `<polyline fill="none" stroke="${color}" stroke-width="2" points="${points.map((p, i) => `${x(i)},${y(p[k])}`).join(' ')}"/>`;
  });
  points.forEach((p, i) => {
    const label = t('chartPoint', vnDate(p.from), vnDate(p.to), n(p.receptions), n(p.cardReads), n(p.fieldAssists));
    SERIES.forEach(([k, color]) => {
      out += `<circle cx="${x(i)}" cy="${y(p[k])}" r="3" fill="${color}"><title>${esc(label)}</title></circle>`;
    });
  });
  if (points.length) {
    const ticks = points.length > 2 ? [0, Math.floor((points.length - 1) / 2), points.length - 1] : points.map((_, i) => i);
    ticks.forEach((i, j) => {
      const anchor = j === 0 ? 'start' : (j === ticks.length - 1 ? 'end' : 'middle');
      out += `<text x="${x(i)}" y="${H - bottom + 18}" font-size="12" fill="#3d4757" text-anchor="${anchor}">${vnDate(points[i].from)}</text>`;
    });
  }
  svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
  svg.setAttribute('height', H);
  setHtml(svg, out);
  const caption = points.length
    ? t('chartCaption', vnDate(points[0].from), vnDate(points[points.length - 1].to), n(max)) : t('chartEmpty');
  setText($('#chart-caption'), caption);
  setHtml($('#chart-table'), `<thead><tr><th></th>${SERIES.map(([, , key]) => `<th>${esc(t(key))}</th>`).join('')}</tr></thead><tbody>`
    + points.map((p) => `<tr><td>${vnDate(p.from)}${p.from === p.to ? '' : `–${vnDate(p.to)}`}</td>${SERIES.map(([k]) => `<td>${n(p[k])}</td>`).join('')}</tr>`).join('')
    + '</tbody>');
  svg.dataset.left = left; svg.dataset.right = right; svg.dataset.w = W;
}

$('#chart').addEventListener('click', (e) => {
  if (!chartPoints.length) return;
  const svg = $('#chart');
  const box = svg.getBoundingClientRect();
  const W = Number(svg.dataset.w), left = Number(svg.dataset.left), right = Number(svg.dataset.right);
  const at = ((e.clientX - box.left) * W) / box.width;
  const i = chartPoints.length <= 1 ? 0 : Math.round(((at - left) * (chartPoints.length - 1)) / (W - left - right));
  const p = chartPoints[Math.max(0, Math.min(chartPoints.length - 1, i))];
  setText($('#chart-readout'), t('chartPoint', vnDate(p.from), vnDate(p.to), n(p.receptions), n(p.cardReads), n(p.fieldAssists)));
});
window.addEventListener('resize', () => { if (state.page === 'figures') drawChart(); });

// ---- report -----------------------------------------------------------------------------------------------------
function renderReport(r) {
  setText($('#report-title'), t('reportTitle', r.unitName, r.period.display));
  // Rewritten only when the words changed: a refresh never clears what the person is selecting in it.
  setText($('#paragraph'), LANG === 'en' ? r.paragraphEn : r.paragraphVi);
  const u = r.unverified;
  setText($('#unverified-note'), u ? t('unverifiedNote', n(u.devices.length), u.devices.join(', ')) : '');
  $('#unverified-note').hidden = !u;
  $('#csv-link').href = `/api/v1/report.csv?${query()}`;
  $('#xlsx-link').href = `/api/v1/report.xlsx?${query()}`;
  $('#docx-link').href = `/api/v1/report.docx?${query()}`;
}

/** Copies the paragraph; says it copied only when it did, otherwise selects it and says how to copy by hand. */
async function copyParagraph() {
  const text = $('#paragraph').textContent;
  let ok = false;
  if (navigator.clipboard && navigator.clipboard.writeText) {
    try { await navigator.clipboard.writeText(text); ok = true; } catch (e) { ok = false; }
  }
  if (!ok) {
    const range = document.createRange();
    range.selectNodeContents($('#paragraph'));
    const sel = getSelection(); sel.removeAllRanges(); sel.addRange(range);
    try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
  }
  const status = $('#copied');
  status.textContent = ok ? t('copied') : t('copyFailed');
  status.className = ok ? 'status ok' : 'status error';
  status.dataset.copied = String(ok);
}
$('#copy').addEventListener('click', copyParagraph);

// ---- admin ------------------------------------------------------------------------------------------------------
async function post(url, form) {
  const body = Object.fromEntries(new FormData(form).entries());
  const r = await fetch(url, { method: 'POST', headers: csrfHeaders({ 'Content-Type': 'application/json' }), body: JSON.stringify(body) });
  if (r.status === 401) { toLogin(); return; }
  const res = await r.json().catch(() => ({}));
  $('#admin-result').innerHTML = r.ok ? `<p>${esc(res.message)}</p>` : `<p class="error">${esc(res.error || r.status)}</p>`;
  if (r.ok) { state.tree = list(await getJson('/api/v1/units')); renderTree(); }
}
$('#add-unit').addEventListener('submit', (e) => { e.preventDefault(); post('/api/v1/admin/units', e.target); });
$('#move-device').addEventListener('submit', (e) => { e.preventDefault(); post('/api/v1/admin/device-unit', e.target); });
$('#set-target').addEventListener('submit', (e) => { e.preventDefault(); post('/api/v1/admin/targets', e.target); });

// ---- device enrollment: register (one-time code + QR), list, revoke ---------------------------------------------
const DEVICE_CSS = { PENDING: 'pending', CODE_EXPIRED: 'expired', ENROLLED: 'ok', REVOKED: 'revoked' };
const when = (ms) => (ms == null ? '' : new Date(ms).toLocaleString(LANG === 'en' ? 'en-GB' : 'vi-VN'));

async function refreshDevices() {
  const r = await getJson('/api/v1/admin/devices');
  const note = $('#devices-insecure');
  note.classList.toggle('hidden', !r.insecure);
  setText(note, r.insecure ? `${t('insecure')} ${r.note || ''}` : '');
  $('#register-device button').disabled = r.insecure;
  setHtml($('#devices-table tbody'), list(r.devices).map((d) => {
    const revoke = d.state === 'REVOKED' ? ''
      : `<button type="button" data-revoke="${esc(d.deviceId)}">${esc(t('revoke'))}</button>`;
    return `<tr data-device="${esc(d.deviceId)}" data-state="${esc(d.state)}"><td>${esc(d.deviceId)}</td><td>${esc(d.unit)}</td>`
      + `<td><span class="badge ${DEVICE_CSS[d.state] || ''}">${esc(t(`st${d.state}`))}</span></td>`
      + `<td>${esc(when(d.registeredAtMs))} <span class="muted">${esc(d.registeredBy)}</span></td>`
      + `<td>${esc(when(d.codeExpiresAtMs))}</td><td>${esc(when(d.enrolledAtMs))}</td>`
      + `<td>${esc(when(d.revokedAtMs))} <span class="muted">${esc(d.revokedBy || '')}</span></td><td>${revoke}</td></tr>`;
  }).join('') || `<tr><td colspan="8" class="muted">${esc(t('noDevices'))}</td></tr>`);
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
  if (!window.confirm(t('revokeConfirm', id))) return;
  const r = await fetch(`/api/v1/admin/devices/${encodeURIComponent(id)}/revoke`, { method: 'POST', headers: csrfHeaders({ 'Content-Type': 'application/json' }), body: '{}' });
  if (r.status === 401) { toLogin(); return; }
  const res = await r.json().catch(() => ({}));
  $('#register-result').innerHTML = r.ok ? `<p>${esc(res.message)}</p>` : `<p class="error">${esc(res.error || r.status)}</p>`;
  refreshDevices();
});

// ---- the signed-in user: CSRF token, role, log-out, audit log ---------------------------------------------------
// Every state-changing request carries the session's CSRF token; the server refuses it otherwise.
function csrfHeaders(headers) { return Object.assign({ 'X-CSRF-Token': state.me ? state.me.csrfToken : '' }, headers); }

function showUser() {
  const role = state.me.role === 'admin' ? t('roleAdmin') : state.me.role === 'viewer' ? t('roleViewer') : state.me.role;
  setText($('#me'), `${state.me.name} (${role} · ${state.me.unit})`);
  const admin = state.me.role === 'admin';
  ['#nav-admin', '#nav-audit', '#nav-devices'].forEach((id) => $(id).classList.toggle('hidden', !admin));
  setText($('#devices-scope'), t('inScope', state.me.unit));
  setText($('#admin-scope'), t('inScope', state.me.unit));
}

$('#logout').addEventListener('click', async () => {
  await fetch('/api/v1/session', { method: 'DELETE', headers: csrfHeaders({}) }).catch(() => {});
  location.href = '/dashboard/login.html';
});

async function refreshAudit() {
  const rows = list(await getJson('/api/v1/admin/audit?limit=200'));
  setHtml($('#audit-table tbody'), rows.map((a) => `<tr data-audit="${esc(a.action)}"><td>${esc(when(a.atMs))}</td>`
    + `<td>${esc(a.actor)}</td><td>${esc(t(a.action))}</td><td>${esc(a.subject)}</td><td>${esc(a.detail)}</td></tr>`).join('')
    || `<tr><td colspan="5" class="muted">${esc(t('noAudit'))}</td></tr>`);
}

// ---- language -------------------------------------------------------------------------------------------------
$('#lang').value = LANG;
$('#lang').addEventListener('change', () => {
  LANG = $('#lang').value;
  localStorage.setItem('kiosk06.lang', LANG);
  translatePage();
  if (state.me) showUser();
  renderTree();
  if (state.choices) renderChoices();
  refresh();
});

// ---- navigation, the side panel on small screens, and refresh ----------------------------------------------------
function showPage() {
  state.page = (location.hash || '#fleet').slice(1);
  if (!document.getElementById(`page-${state.page}`)) state.page = 'fleet';
  document.querySelectorAll('.page').forEach((p) => p.classList.toggle('shown', p.id === `page-${state.page}`));
  document.querySelectorAll('header nav a').forEach((a) => {
    const on = a.id === `nav-${state.page}`;
    a.classList.toggle('active', on);
    if (on) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  });
}
window.addEventListener('hashchange', () => { showPage(); refresh(); });

$('#menu').addEventListener('click', () => {
  const open = !document.body.classList.contains('side-open');
  document.body.classList.toggle('side-open', open);
  $('#menu').setAttribute('aria-expanded', String(open));
});

$('#series-by').addEventListener('change', () => refresh());

/** True while a refresh would get in the person's way: text selected, typing, or the tab not shown. */
function personIsBusy() {
  if (document.hidden) return true;
  const sel = getSelection();
  if (sel && !sel.isCollapsed && sel.toString().trim() !== '') return true;
  const a = document.activeElement;
  return !!(a && a.matches('input:not([type=checkbox]), textarea'));
}

let busy = false;
async function refresh() {
  if (busy || !state.me) return;
  busy = true;
  try {
    $('#period-error').textContent = '';
    if (state.page === 'fleet') await refreshFleet();
    if (state.page === 'audit' && state.me.role === 'admin') await refreshAudit();
    if (state.page === 'devices' && state.me.role === 'admin') await refreshDevices();
    if (state.page === 'figures' || state.page === 'report') {
      const r = await getJson(`/api/v1/report?${query()}`);
      state.report = r;
      state.spec = r.period.spec;
      renderPeriod(r);
      if (state.page === 'figures') { renderFigures(r); await Promise.all([refreshChart(), refreshChildren()]); }
      if (state.page === 'report') renderReport(r);
    }
    setText($('#refreshed'), t('refreshed', new Date().toLocaleTimeString(LANG === 'en' ? 'en-GB' : 'vi-VN')));
  } catch (e) {
    $('#period-error').textContent = e.message;
  } finally {
    busy = false;
  }
}

async function tick() {
  if (personIsBusy()) { setText($('#refreshed'), t('paused')); return; }
  try { state.tree = list(await getJson('/api/v1/units')); renderTree(); } catch (e) { /* next round */ }
  refresh();
}
document.addEventListener('visibilitychange', () => { if (!document.hidden) tick(); });

(async function start() {
  translatePage();
  showPage();
  state.me = await getJson('/api/v1/session');
  showUser();
  state.tree = list(await getJson('/api/v1/units'));
  const params = new URLSearchParams(location.search);
  state.unit = params.get('unit') || (state.tree[0] && state.tree[0].code);
  renderTree();
  await loadChoices();
  const def = list(state.choices.choices).find((c) => c.key === state.choices.defaultKey);
  state.spec = params.get('period') || (def ? def.period.spec : null);
  await refresh();
  setInterval(tick, REFRESH_MS);
}());
