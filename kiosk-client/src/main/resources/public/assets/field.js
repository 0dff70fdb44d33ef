// The field handheld app: pick team and area once per shift, then record each citizen helped. Everything is saved on
// the device first (GET/POST /api/v1/field…); sync happens in the background whenever a network is there.
(function () {
  'use strict';
  const ACT = {
    VNEID_L2_ACTIVATION: 'Kích hoạt định danh điện tử VNeID mức 2',
    BHYT_INTEGRATION: 'Tích hợp thẻ BHYT vào VNeID',
    EHEALTH_BOOK: 'Lập Sổ sức khỏe điện tử',
    ONLINE_SERVICE_HELP: 'Hỗ trợ nộp hồ sơ dịch vụ công trực tuyến'
  };
  const AGE = { '14_PLUS': '14 tuổi trở lên', '6_TO_13': 'Từ 6 đến dưới 14 tuổi', 'UNDER_6': 'Dưới 6 tuổi' };
  const SEX = { MALE: 'Nam', FEMALE: 'Nữ' };
  const MSG = {
    SAVED: n => 'Đã lưu ' + n + ' hoạt động trên thiết bị.', READ_FAILED: () => 'Không đọc được thẻ. Vui lòng quét lại.',
    NO_ACTIVITY: () => 'Chọn ít nhất một việc đã làm.', NO_CITIZEN: () => 'Quét QR CCCD hoặc nhập năm sinh trước.',
    BIRTH_YEAR: () => 'Năm sinh không hợp lệ.', SEX: () => 'Chọn giới tính.', SAVE_FAILED: () => 'Chưa lưu được. Vui lòng thử lại.',
    IDLE_CLEARED: () => 'Đã xoá thông tin công dân chưa lưu.', UNKNOWN_TEAM_OR_AREA: () => 'Chọn tổ và địa bàn.'
  };
  let state = null;
  let shown = -1;
  let pickTeam = null, pickArea = null, sex = null;
  let ticked = new Set();
  let flash = null;
  const app = document.getElementById('app');

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === 'onclick') e.addEventListener('click', v);
      else if (k === 'class') e.className = v;
      else e.setAttribute(k, v);
    }
    for (const c of children) if (c !== null && c !== undefined) e.append(c);
    return e;
  }

  async function act(path, body) {
    const r = await fetch('/api/v1/field/' + path, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body || {})
    });
    const json = await r.json().catch(() => ({}));
    if (r.ok) { flash = null; apply(json, true); return null; }
    flash = json.error || 'ERROR';
    render();
    return flash;
  }

  function notice(code, n) {
    if (!code) return null;
    const ok = code === 'SAVED';
    return el('p', { id: 'message', class: ok ? 'notice ok' : 'notice bad' }, (MSG[code] || (() => code))(n));
  }

  function shift(s) {
    const pick = (items, current, set, prefix) => el('div', { class: 'grid picker' }, ...items.map((x, i) =>
      el('button', { class: 'choice' + (x === current ? ' on' : ''), id: prefix + i, onclick: () => { set(x); render(); } }, x)));
    return el('section', { id: 'screen-SHIFT' },
      el('h1', {}, 'Chọn tổ và địa bàn cho ca làm việc'),
      el('h2', {}, 'Tổ'), pick(s.teams, pickTeam, x => { pickTeam = x; }, 'team-'),
      el('h2', {}, 'Địa bàn'), pick(s.areas, pickArea, x => { pickArea = x; }, 'area-'),
      notice(flash || s.message),
      el('div', { class: 'row' },
        el('button', { id: 'btn-summary', class: 'big secondary', onclick: () => act('summary', { shown: true }) }, 'Tổng hợp'),
        el('button', { id: 'btn-start-shift', class: 'big', onclick: () => act('shift', { team: pickTeam, area: pickArea }) }, 'Bắt đầu ca')));
  }

  function citizen(s) {
    let who;
    if (s.citizen) {
      who = el('p', { id: 'citizen', class: 'notice ok' },
        (s.citizen.source === 'CARD' ? 'Đã quét CCCD' : 'Không có thẻ') + ' · ' + AGE[s.citizen.ageGroup] + ' · ' + SEX[s.citizen.sex]);
    } else {
      const year = el('input', { id: 'birth-year', class: 'entry', inputmode: 'numeric', maxlength: '4', placeholder: 'Năm sinh' });
      const sexBtn = (v) => el('button', { id: 'sex-' + v, class: 'choice' + (sex === v ? ' on' : ''), onclick: () => { sex = v; document.querySelectorAll('[id^=sex-]').forEach(b => b.classList.toggle('on', b.id === 'sex-' + v)); } }, SEX[v]);
      who = el('div', { class: 'card' },
        el('p', { class: 'lead' }, 'Quét QR trên thẻ CCCD của công dân — hoặc nếu không có thẻ:'),
        el('div', { class: 'row picker' }, year, sexBtn('MALE'), sexBtn('FEMALE'),
          el('button', { id: 'btn-no-card', class: 'big secondary', onclick: () => act('no-card', { birthYear: parseInt(year.value, 10) || 0, sex: sex }) }, 'Xác nhận')));
    }
    const checks = el('div', { class: 'checks grid' }, ...Object.keys(ACT).map(a => {
      const box = el('input', { type: 'checkbox', id: 'act-' + a });
      box.checked = ticked.has(a);
      const label = el('label', { for: 'act-' + a, class: ticked.has(a) ? 'on' : '' }, box, ACT[a]);
      box.addEventListener('change', () => { if (box.checked) ticked.add(a); else ticked.delete(a); label.classList.toggle('on', box.checked); });
      return label;
    }));
    return el('section', { id: 'screen-CITIZEN' },
      who, notice(flash || s.message, s.saved), checks,
      el('div', { class: 'row' },
        el('button', { id: 'btn-clear', class: 'big secondary', onclick: () => { ticked.clear(); sex = null; act('clear'); } }, 'Bỏ qua'),
        el('button', { id: 'btn-save', class: 'big', onclick: async () => { if (!(await act('save', { activities: [...ticked] }))) { ticked.clear(); sex = null; } } }, 'Lưu')),
      el('div', { class: 'row' },
        el('button', { id: 'btn-summary', class: 'big secondary', onclick: () => act('summary', { shown: true }) }, 'Tổng hợp'),
        el('button', { id: 'btn-end-shift', class: 'big secondary', onclick: () => act('end-shift') }, 'Kết thúc ca')));
  }

  function summary() {
    const section = el('section', { id: 'screen-SUMMARY' }, el('h1', {}, 'Tổng hợp trên thiết bị'));
    const table = el('table', { class: 'summary', id: 'summary-table' });
    section.append(table,
      el('button', { id: 'btn-back', class: 'big secondary', onclick: () => act('summary', { shown: false }) }, 'Quay lại'));
    fetch('/api/v1/field/summary', { cache: 'no-store' }).then(r => r.json()).then(sum => {
      const d = iso => iso.split('-').reverse().join('/');
      table.replaceChildren(
        el('tr', {}, el('th', {}, 'Hoạt động'), el('th', {}, 'Hôm nay ' + d(sum.day)), el('th', {}, 'Tuần này (từ ' + d(sum.weekStart) + ')')),
        ...Object.keys(ACT).map(a => el('tr', { 'data-activity': a }, el('td', {}, ACT[a]),
          el('td', { class: 'n today' }, String(sum.today[a] || 0)), el('td', { class: 'n week' }, String(sum.week[a] || 0)))));
      table.dataset.loaded = 'true';
    });
    return section;
  }

  const SCREENS = { SHIFT: shift, CITIZEN: citizen, SUMMARY: summary };

  function render() {
    const s = state;
    document.getElementById('shift').textContent = s.team ? 'Tổ: ' + s.team + ' · Địa bàn: ' + s.area : '';
    app.replaceChildren(SCREENS[s.screen](s));
    app.dataset.screen = s.screen;
    shown = s.version;
  }

  function apply(s, force) {
    state = s;
    if (force || s.version !== shown) render();
  }

  async function poll() {
    try {
      const r = await fetch('/api/v1/field', { cache: 'no-store' });
      if (r.ok) apply(await r.json(), false);
    } catch (e) { /* the device is restarting: keep the last screen */ }
  }
  poll();
  setInterval(poll, 500);
})();
