// The field handheld app: pick team and area once per shift, then record each citizen helped. Everything is saved on
// the device first (GET/POST /api/v1/field…); sync happens in the background whenever a network is there.
// Vietnamese or English (the choice is kept on the device); an on-screen keypad for the birth year, since a kiosk-mode
// browser has no system keyboard.
(function () {
  'use strict';
  const T = {
    vi: {
      other: 'English', title: 'Tổ công nghệ số cộng đồng',
      ACT: {
        VNEID_L2_ACTIVATION: 'Kích hoạt định danh điện tử VNeID mức 2', BHYT_INTEGRATION: 'Tích hợp thẻ BHYT vào VNeID',
        EHEALTH_BOOK: 'Lập Sổ sức khỏe điện tử', ONLINE_SERVICE_HELP: 'Hỗ trợ nộp hồ sơ dịch vụ công trực tuyến'
      },
      AGE: { '14_PLUS': '14 tuổi trở lên', '6_TO_13': 'Từ 6 đến dưới 14 tuổi', 'UNDER_6': 'Dưới 6 tuổi',
             AGE_14_PLUS: '14 tuổi trở lên', AGE_6_TO_13: 'Từ 6 đến dưới 14 tuổi', AGE_UNDER_6: 'Dưới 6 tuổi' },
      SEX: { MALE: 'Nam', FEMALE: 'Nữ' },
      MSG: {
        SAVED: n => 'Đã lưu ' + n + ' hoạt động trên thiết bị.', READ_FAILED: () => 'Không đọc được thẻ. Vui lòng quét lại.',
        NO_ACTIVITY: () => 'Chọn ít nhất một việc đã làm.', NO_CITIZEN: () => 'Quét QR CCCD hoặc nhập năm sinh trước.',
        BIRTH_YEAR: () => 'Năm sinh không hợp lệ.', SEX: () => 'Chọn giới tính.',
        SAVE_FAILED: () => 'Chưa lưu được do lỗi của máy. Hãy báo cho người quản lý thiết bị.',
        JOURNAL_FULL: () => 'Bộ nhớ máy đã đầy nên hồ sơ này chưa được lưu. Hãy đồng bộ thiết bị: mang máy tới nơi có mạng rồi bấm «Đồng bộ ngay».',
        IDLE_CLEARED: () => 'Đã xoá thông tin công dân chưa lưu.', UNKNOWN_TEAM_OR_AREA: () => 'Chọn tổ và địa bàn.',
        VOIDED: () => 'Đã huỷ bản ghi. Tổng hợp trên máy không còn tính nó.', VOID_NOT_FOUND: () => 'Không tìm thấy bản ghi này.',
        ALREADY_VOIDED: () => 'Bản ghi này đã được huỷ rồi.'
      },
      pickShift: 'Chọn tổ và địa bàn cho ca làm việc', team: 'Tổ', area: 'Địa bàn', shift: (t, a) => 'Tổ: ' + t + ' · Địa bàn: ' + a,
      summary: 'Tổng hợp', startShift: 'Bắt đầu ca', endShift: 'Kết thúc ca', skip: 'Bỏ qua', save: 'Lưu', confirm: 'Xác nhận',
      scanHint: 'Quét QR trên thẻ CCCD của công dân — hoặc nếu không có thẻ:', birthYear: 'Năm sinh',
      card: 'Đã quét CCCD', noCard: 'Không có thẻ', done: 'Việc đã làm',
      memoryWarn: (p, n) => 'Bộ nhớ máy đã dùng ' + p + '%. Hãy đồng bộ thiết bị sớm (' + n + ' bản ghi chờ gửi).',
      memoryFull: n => 'Bộ nhớ máy đã đầy: ' + n + ' bản ghi đang chờ gửi. Hãy đồng bộ thiết bị: mang máy tới nơi có mạng rồi bấm «Đồng bộ ngay».',
      syncNow: 'Đồng bộ ngay', waiting: n => '(' + n + ' bản ghi đang chờ gửi.)',
      summaryTitle: 'Tổng hợp trên thiết bị', activity: 'Hoạt động', today: d => 'Hôm nay ' + d, week: d => 'Tuần này (từ ' + d + ')',
      todayRecords: 'Hôm nay đã lưu', noRecords: 'Hôm nay chưa lưu bản ghi nào.', voidIt: 'Huỷ (bấm nhầm)',
      voidAsk: 'Huỷ bản ghi này? Bản ghi không bị xoá: máy lưu thêm một ghi chú huỷ và thôi tính nó.', voided: 'đã huỷ',
      back: 'Quay lại'
    },
    en: {
      other: 'Tiếng Việt', title: 'Community digital team',
      ACT: {
        VNEID_L2_ACTIVATION: 'VNeID level-2 e-ID activation', BHYT_INTEGRATION: 'Health-insurance card added to VNeID',
        EHEALTH_BOOK: 'Electronic health book created', ONLINE_SERVICE_HELP: 'Help with an online public-service application'
      },
      AGE: { '14_PLUS': '14 or older', '6_TO_13': '6 to 13', 'UNDER_6': 'Under 6',
             AGE_14_PLUS: '14 or older', AGE_6_TO_13: '6 to 13', AGE_UNDER_6: 'Under 6' },
      SEX: { MALE: 'Male', FEMALE: 'Female' },
      MSG: {
        SAVED: n => 'Saved ' + n + (n === 1 ? ' activity' : ' activities') + ' on this device.',
        READ_FAILED: () => 'The card could not be read. Please scan again.',
        NO_ACTIVITY: () => 'Tick at least one thing you did.', NO_CITIZEN: () => 'Scan the citizen ID QR or enter the birth year first.',
        BIRTH_YEAR: () => 'That birth year is not valid.', SEX: () => 'Choose male or female.',
        SAVE_FAILED: () => 'Not saved because of a device fault. Please tell whoever looks after the device.',
        JOURNAL_FULL: () => 'The device is full, so this record was not saved. Sync the device: take it where there is a network and press "Sync now".',
        IDLE_CLEARED: () => 'The unsaved citizen was cleared.', UNKNOWN_TEAM_OR_AREA: () => 'Choose a team and an area.',
        VOIDED: () => 'Record cancelled. The summary on this device no longer counts it.', VOID_NOT_FOUND: () => 'That record was not found.',
        ALREADY_VOIDED: () => 'That record is already cancelled.'
      },
      pickShift: 'Choose the team and area for this shift', team: 'Team', area: 'Area', shift: (t, a) => 'Team: ' + t + ' · Area: ' + a,
      summary: 'Summary', startShift: 'Start shift', endShift: 'End shift', skip: 'Skip', save: 'Save', confirm: 'Confirm',
      scanHint: 'Scan the QR on the citizen\'s ID card — or, with no card:', birthYear: 'Birth year',
      card: 'ID card scanned', noCard: 'No card', done: 'What was done',
      memoryWarn: (p, n) => 'Device storage is ' + p + '% full. Sync the device soon (' + n + ' records waiting to send).',
      memoryFull: n => 'Device storage is full: ' + n + ' records are waiting to send. Sync the device: take it where there is a network and press "Sync now".',
      syncNow: 'Sync now', waiting: n => '(' + n + ' records waiting to send.)',
      summaryTitle: 'Summary on this device', activity: 'Activity', today: d => 'Today ' + d, week: d => 'This week (from ' + d + ')',
      todayRecords: 'Saved today', noRecords: 'Nothing saved yet today.', voidIt: 'Cancel (mis-tap)',
      voidAsk: 'Cancel this record? Nothing is deleted: the device adds a cancellation note and stops counting it.', voided: 'cancelled',
      back: 'Back'
    }
  };
  const LANG_KEY = 'kiosk06.field.lang';
  let lang = localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'vi';
  let state = null;
  let shown = -1;
  let pickTeam = null, pickArea = null, sex = null, year = '';
  let ticked = new Set();
  let flash = null;
  let updateBanner = () => {};  // the banner on screen now, refreshed after each status poll
  const app = document.getElementById('app');
  const t = k => T[lang][k];

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
    const ok = code === 'SAVED' || code === 'VOIDED';
    let text = (t('MSG')[code] || (() => code))(n);
    const status = window.StatusBar.last();
    if (code === 'JOURNAL_FULL' && status) text += ' ' + t('waiting')(status.backlog);
    return el('p', { id: 'message', class: ok ? 'notice ok' : 'notice bad' }, text,
      code === 'JOURNAL_FULL' ? syncButton('btn-sync-full') : null);
  }

  function syncButton(id) {
    return el('button', { id, class: 'big', style: 'margin-top:6px', onclick: () => window.StatusBar.syncNow() }, t('syncNow'));
  }

  /** Warns before the journal is full (from 80 %) and says what to do once it is: sync, never "try again". */
  function memoryBanner() {
    const banner = el('div', { id: 'memory-banner' });
    const update = status => {
      if (!banner.isConnected) return;
      const p = window.StatusBar.memoryPercent();
      const backlog = status ? status.backlog : 0;
      const fullSaid = state && (flash || state.message) === 'JOURNAL_FULL';  // the notice above already says it
      if (!status || fullSaid || p < window.StatusBar.MEMORY_WARN || backlog === 0) { banner.replaceChildren(); return; }
      banner.replaceChildren(el('p', { class: p >= 99 ? 'notice bad' : 'notice', id: 'memory-warning' },
        p >= 99 ? t('memoryFull')(backlog) : t('memoryWarn')(p, backlog), p >= 99 ? syncButton('btn-sync-memory') : null));
    };
    update(window.StatusBar.last());
    updateBanner = update;
    return banner;
  }

  function screen(name, body, actions) {
    return el('section', { id: 'screen-' + name, class: 'screen' },
      el('div', { class: 'body' }, ...body), el('div', { class: 'actions' }, ...actions));
  }

  function shift(s) {
    const pick = (items, current, set, prefix) => el('div', { class: 'grid picker' }, ...items.map((x, i) =>
      el('button', { class: 'choice' + (x === current ? ' on' : ''), id: prefix + i, onclick: () => { set(x); render(); } }, x)));
    return screen('SHIFT', [
      el('h1', {}, t('pickShift')),
      el('h2', {}, t('team')), pick(s.teams, pickTeam, x => { pickTeam = x; }, 'team-'),
      el('h2', {}, t('area')), pick(s.areas, pickArea, x => { pickArea = x; }, 'area-'),
      notice(flash || s.message)],
      [el('button', { id: 'btn-summary', class: 'big secondary', onclick: () => act('summary', { shown: true }) }, t('summary')),
        el('button', { id: 'btn-start-shift', class: 'big primary', onclick: () => act('shift', { team: pickTeam, area: pickArea }) }, t('startShift'))]);
  }

  function noCardPanel() {
    // inputmode none: typing goes through the keypad below (a hardware keyboard still works).
    const input = el('input', { id: 'birth-year', class: 'entry year', inputmode: 'none', maxlength: '4', placeholder: t('birthYear'),
      'aria-label': t('birthYear'), autocomplete: 'off' });
    input.value = year;
    input.addEventListener('input', () => { year = input.value.replace(/\D/g, '').slice(0, 4); input.value = year; });
    const key = c => el('button', { type: 'button', id: 'key-' + (c === '⌫' ? 'back' : c), onclick: () => {
      input.value = c === '⌫' ? input.value.slice(0, -1) : (input.value + c).slice(0, 4);
      input.dispatchEvent(new Event('input'));
    } }, c);
    const pad = el('div', { id: 'year-keypad', class: 'keypad digits' }, ...'123456789'.split('').map(key), key('⌫'), key('0'));
    const sexBtn = v => el('button', { id: 'sex-' + v, class: 'choice' + (sex === v ? ' on' : ''), onclick: () => {
      sex = v;
      document.querySelectorAll('[id^=sex-]').forEach(b => b.classList.toggle('on', b.id === 'sex-' + v));
    } }, t('SEX')[v]);
    return el('div', { class: 'card' },
      el('p', { class: 'lead' }, t('scanHint')),
      el('div', { class: 'nocard picker' }, input, pad, sexBtn('MALE'), sexBtn('FEMALE'),
        el('button', { id: 'btn-no-card', class: 'big secondary', onclick: () => act('no-card', { birthYear: parseInt(year, 10) || 0, sex: sex }) }, t('confirm'))));
  }

  function citizen(s) {
    const who = s.citizen
      ? el('p', { id: 'citizen', class: 'notice ok' },
        (s.citizen.source === 'CARD' ? t('card') : t('noCard')) + ' · ' + t('AGE')[s.citizen.ageGroup] + ' · ' + t('SEX')[s.citizen.sex])
      : noCardPanel();
    const checks = el('div', { class: 'checks' }, ...Object.keys(t('ACT')).map(a => {
      const box = el('input', { type: 'checkbox', id: 'act-' + a });
      box.checked = ticked.has(a);
      const label = el('label', { for: 'act-' + a, class: ticked.has(a) ? 'on' : '' }, box, t('ACT')[a]);
      box.addEventListener('change', () => { if (box.checked) ticked.add(a); else ticked.delete(a); label.classList.toggle('on', box.checked); });
      return label;
    }));
    return screen('CITIZEN', [
      el('div', { class: 'form' },
        el('div', {}, who),
        el('div', { class: 'checks-col' }, notice(flash || s.message, s.saved), memoryBanner(), checks))],
      [el('button', { id: 'btn-summary', class: 'big secondary', onclick: () => act('summary', { shown: true }) }, t('summary')),
        el('button', { id: 'btn-end-shift', class: 'big secondary', onclick: () => act('end-shift') }, t('endShift')),
        el('button', { id: 'btn-clear', class: 'big secondary', onclick: () => { ticked.clear(); sex = null; year = ''; act('clear'); } }, t('skip')),
        el('button', { id: 'btn-save', class: 'big primary', onclick: async () => {
          if (!(await act('save', { activities: [...ticked] }))) { ticked.clear(); sex = null; year = ''; }
        } }, t('save'))]);
  }

  function summary(s) {
    const table = el('table', { class: 'summary', id: 'summary-table' });
    const records = el('ul', { id: 'today-records', class: 'records' });
    fetch('/api/v1/field/summary', { cache: 'no-store' }).then(r => r.json()).then(sum => {
      const d = iso => iso.split('-').reverse().join('/');
      table.replaceChildren(
        el('tr', {}, el('th', {}, t('activity')), el('th', {}, t('today')(d(sum.day))), el('th', {}, t('week')(d(sum.weekStart)))),
        ...Object.keys(t('ACT')).map(a => el('tr', { 'data-activity': a }, el('td', {}, t('ACT')[a]),
          el('td', { class: 'n today' }, String(sum.today[a] || 0)), el('td', { class: 'n week' }, String(sum.week[a] || 0)))));
      table.dataset.loaded = 'true';
      const list = sum.records || [];
      records.replaceChildren(...(list.length === 0 ? [el('li', {}, el('span', {}, t('noRecords')))] : list.map(r =>
        el('li', { 'data-seq': String(r.seq), class: r.voided ? 'voided' : '' },
          el('span', {}, r.time + ' · ' + t('ACT')[r.activity] + ' · ' + t('AGE')[r.ageGroup] + (r.voided ? ' (' + t('voided') + ')' : '')),
          r.voided ? null : el('button', { id: 'void-' + r.seq, onclick: () => {
            if (window.confirm(t('voidAsk'))) act('void', { seq: r.seq });
          } }, t('voidIt'))))));
      records.dataset.loaded = 'true';
    });
    const said = flash || s.message;  // only what concerns this screen: a void's outcome, or why it was not saved
    return screen('SUMMARY', [el('h1', {}, t('summaryTitle')), said === 'SAVED' ? null : notice(said, s.saved), table,
      el('h2', {}, t('todayRecords')), records],
      [el('button', { id: 'btn-back', class: 'big secondary', onclick: () => act('summary', { shown: false }) }, t('back'))]);
  }

  const SCREENS = { SHIFT: shift, CITIZEN: citizen, SUMMARY: summary };

  function render() {
    const s = state;
    document.documentElement.lang = lang;
    document.getElementById('title').textContent = t('title');
    document.getElementById('lang').textContent = t('other');
    document.getElementById('shift').textContent = s.team ? t('shift')(s.team, s.area) : '';
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

  document.getElementById('lang').addEventListener('click', () => {
    lang = lang === 'vi' ? 'en' : 'vi';
    localStorage.setItem(LANG_KEY, lang);
    window.StatusBar.setLang(lang);
    if (state) render();
  });
  window.StatusBar.setLang(lang);
  window.StatusBar.onChange(status => updateBanner(status));
  poll();
  setInterval(poll, 500);
})();
