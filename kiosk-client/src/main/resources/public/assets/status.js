// The status bar of both apps: sync state, card reader, printer and clock, from /api/v1/status every 1.5 s.
// Works offline: it only talks to the device itself.
(function () {
  'use strict';
  const T = {
    vi: { synced: 'Đã đồng bộ', waiting: n => n + ' chờ đồng bộ', offline: (t, n) => 'Ngoại tuyến từ ' + t + ' · ' + n + ' chờ đồng bộ',
          lastSync: t => 'Đồng bộ lần cuối: ' + t, never: 'Chưa đồng bộ lần nào',
          readerOk: 'Đầu đọc: sẵn sàng', readerOff: 'Đầu đọc: mất kết nối', readerNone: 'Đầu đọc: không có',
          printerOk: 'Máy in: sẵn sàng', printerBad: 'Máy in: không hoạt động', printerNone: 'Máy in: không có',
          clock: 'Đồng hồ thiết bị chưa đáng tin cậy', local: 'Mất kết nối với thiết bị' },
    en: { synced: 'Synced', waiting: n => n + ' waiting to sync', offline: (t, n) => 'Offline since ' + t + ' · ' + n + ' waiting',
          lastSync: t => 'Last sync: ' + t, never: 'Never synced',
          readerOk: 'Reader: ready', readerOff: 'Reader: disconnected', readerNone: 'Reader: none',
          printerOk: 'Printer: ready', printerBad: 'Printer: out of service', printerNone: 'Printer: none',
          clock: 'Device clock not trusted', local: 'Lost contact with the device' }
  };
  let lang = 'vi';
  let last = null;
  const bar = document.getElementById('status');
  const showLastSync = document.body.classList.contains('field');

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
      else parts.push(item('st-sync', t.offline(time(s.offlineSince), s.backlog), 'bad'));
      if (showLastSync) parts.push(item('st-last-sync', t.lastSync(s.lastSync ? time(s.lastSync) : t.never), 'info'));
      const readers = s.readers || [];
      if (readers.length === 0) parts.push(item('st-reader', t.readerNone, 'info'));
      else if (readers.every(r => r.connected)) parts.push(item('st-reader', t.readerOk, 'ok'));
      else parts.push(item('st-reader', t.readerOff, 'bad'));
      if (!showLastSync) {
        const p = s.printer || {};
        if (!p.configured) parts.push(item('st-printer', t.printerNone, 'info'));
        else if (p.lastResult && p.lastResult !== 'printed') parts.push(item('st-printer', t.printerBad, 'bad'));
        else parts.push(item('st-printer', t.printerOk, 'ok'));
      }
      if (s.clock && !s.clock.trusted) parts.push(item('st-clock', '⚠ ' + t.clock, 'warn'));
    }
    bar.replaceChildren(...parts);
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

  window.StatusBar = {
    setLang(l) { lang = l; render(); },
    readersConnected() { return !last || (last.readers || []).every(r => r.connected); },
    refresh: poll
  };
  poll();
  setInterval(poll, 1500);
})();
