// The device's status, from /api/v1/status every 1.5 s (it only talks to the device itself, so it works offline).
// The field app shows it to the worker in its footer. At the kiosk it is for staff: patients see one small dot in
// the header; a long press on the dot (or opening the page at /#staff) shows the details in the footer.
(function () {
  'use strict';
  const T = {
    vi: { synced: 'Đã đồng bộ', waiting: n => n + ' chờ đồng bộ', offline: (t, n) => 'Mất mạng từ ' + t + ' · ' + n + ' chờ đồng bộ',
          calmOffline: n => 'Chưa có mạng. ' + n + ' bản ghi đã lưu an toàn trên máy và sẽ tự gửi khi có mạng.',
          lastSync: t => 'Đồng bộ lần cuối: ' + t, never: 'Chưa đồng bộ lần nào',
          readerOk: 'Đầu đọc: sẵn sàng', readerOff: 'Đầu đọc: mất kết nối', readerNone: 'Đầu đọc: không có',
          printerOk: 'Máy in: sẵn sàng', printerBad: 'Máy in: không hoạt động', printerNone: 'Máy in: không có',
          clock: 'Đồng hồ thiết bị chưa đáng tin cậy', local: 'Mất kết nối với thiết bị',
          memory: p => 'Bộ nhớ: ' + p + '%', syncNow: 'Đồng bộ ngay', dot: 'Tình trạng thiết bị (nhấn giữ: dành cho nhân viên)' },
    en: { synced: 'Synced', waiting: n => n + ' waiting to sync', offline: (t, n) => 'Offline since ' + t + ' · ' + n + ' waiting to sync',
          calmOffline: n => 'No network yet. ' + n + ' records are safe on this device and will send themselves later.',
          lastSync: t => 'Last sync: ' + t, never: 'Never synced',
          readerOk: 'Reader: ready', readerOff: 'Reader: disconnected', readerNone: 'Reader: none',
          printerOk: 'Printer: ready', printerBad: 'Printer: out of service', printerNone: 'Printer: none',
          clock: 'Device clock not trusted', local: 'Lost contact with the device',
          memory: p => 'Storage: ' + p + '%', syncNow: 'Sync now', dot: 'Device status (press and hold: staff only)' }
  };
  /** At this share of its disk limit the journal warns (the field app says "sync soon"). */
  const MEMORY_WARN = 80;
  let lang = 'vi';
  let last = null;
  const listeners = [];
  const bar = document.getElementById('status');
  const dot = document.getElementById('status-dot');
  const field = document.body.classList.contains('field');

  function time(iso) {
    if (!iso) return '';
    const d = new Date(iso);
    const p = n => String(n).padStart(2, '0');
    return p(d.getHours()) + ':' + p(d.getMinutes()) + ' ' + p(d.getDate()) + '/' + p(d.getMonth() + 1);
  }

  function item(id, text, state) {
    const s = document.createElement('span');
    s.id = id;
    s.dataset.state = state;
    s.textContent = text;
    return s;
  }

  function memoryPercent(s) {
    const st = s && s.storage;
    return st ? st.journalPercent : 0;
  }

  function render() {
    const t = T[lang];
    const parts = [];
    if (!last) {
      parts.push(item('st-sync', t.local, 'bad'));
    } else {
      const s = last;
      if (s.state === 'SYNCED' && !s.lastSync) parts.push(item('st-sync', t.never, 'warn'));
      else if (s.state === 'SYNCED') parts.push(item('st-sync', t.synced, 'ok'));
      else if (s.state === 'WAITING') parts.push(item('st-sync', t.waiting(s.backlog), 'warn'));
      // The worker can do nothing about the network: say it calmly. Staff at a kiosk get the facts.
      else if (field) parts.push(item('st-sync', t.calmOffline(s.backlog), 'calm'));
      else parts.push(item('st-sync', t.offline(time(s.offlineSince), s.backlog), 'bad'));
      if (field) parts.push(item('st-last-sync', t.lastSync(s.lastSync ? time(s.lastSync) : t.never), 'info'));
      const readers = s.readers || [];
      if (readers.length === 0) parts.push(item('st-reader', t.readerNone, 'info'));
      else if (readers.every(r => r.connected)) parts.push(item('st-reader', t.readerOk, 'ok'));
      else parts.push(item('st-reader', t.readerOff, 'bad'));
      if (!field) {
        const p = s.printer || {};
        if (!p.configured) parts.push(item('st-printer', t.printerNone, 'info'));
        else if (p.lastResult && p.lastResult !== 'printed') parts.push(item('st-printer', t.printerBad, 'bad'));
        else parts.push(item('st-printer', t.printerOk, 'ok'));
      }
      const memory = memoryPercent(s);
      if (memory >= MEMORY_WARN || !field) parts.push(item('st-memory', t.memory(memory), memory >= MEMORY_WARN ? 'warn' : 'info'));
      if (s.clock && !s.clock.trusted) parts.push(item('st-clock', '⚠ ' + t.clock, 'warn'));
      if (s.backlog > 0) {
        const b = document.createElement('button');
        b.id = 'st-sync-now';
        b.type = 'button';
        b.textContent = t.syncNow;
        b.addEventListener('click', syncNow);
        parts.push(b);
      }
    }
    bar.replaceChildren(...parts);
    if (dot) {
      const states = parts.map(p => p.dataset.state);
      dot.dataset.state = states.includes('bad') ? 'bad' : states.includes('warn') ? 'warn' : 'ok';
      dot.setAttribute('aria-label', t.dot);
    }
    listeners.forEach(f => f(last));
  }

  async function syncNow() {
    await fetch('/api/v1/sync', { method: 'POST' }).catch(() => null);
    poll();
  }

  async function poll() {
    try {
      const r = await fetch('/api/v1/status', { cache: 'no-store' });
      last = r.ok ? await r.json() : null;
    } catch (e) {
      last = null;
    }
    render();
  }

  // Staff gesture: press and hold the dot for a second. A tap does nothing, so a patient cannot open it by chance.
  if (dot) {
    let held = null;
    const release = () => { clearTimeout(held); held = null; };
    dot.addEventListener('pointerdown', () => {
      held = setTimeout(() => { document.body.classList.toggle('staff'); held = null; }, 1000);
    });
    ['pointerup', 'pointerleave', 'pointercancel'].forEach(e => dot.addEventListener(e, release));
    dot.addEventListener('contextmenu', e => e.preventDefault());
    if (location.hash === '#staff') document.body.classList.add('staff');
    window.addEventListener('hashchange', () => document.body.classList.toggle('staff', location.hash === '#staff'));
  }

  window.StatusBar = {
    setLang(l) { lang = l; render(); },
    readersConnected() { return !last || (last.readers || []).every(r => r.connected); },
    /** The latest status (null: the device did not answer). */
    last() { return last; },
    memoryPercent() { return memoryPercent(last); },
    MEMORY_WARN,
    /** Calls {@code f(status)} after each poll. */
    onChange(f) { listeners.push(f); },
    syncNow,
    refresh: poll
  };
  poll();
  setInterval(poll, 1500);
})();
