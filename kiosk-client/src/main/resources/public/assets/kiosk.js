// The kiosk app: draws the screen the server's flow is on (GET /api/v1/kiosk, polled) and sends touches to it.
// The flow lives on the server, so a reader scan, a payment webhook or a timeout changes the screen here too.
(function () {
  'use strict';
  const T = {
    vi: {
      other: 'English', welcome: 'Chào mừng', to: f => 'đến ' + f,
      scan: 'Quét CCCD hoặc mã QR VNeID / thẻ BHYT, hoặc đặt thẻ căn cước lên đầu đọc chip',
      typeBhyt: 'Nhập số thẻ BHYT', readerOff: 'Đầu đọc thẻ đang mất kết nối — bạn có thể nhập số thẻ BHYT.',
      READ_FAILED: 'Không đọc được thẻ. Vui lòng quét lại.', SAVE_FAILED: 'Thiết bị chưa lưu được. Vui lòng thử lại hoặc gọi nhân viên.',
      bhytTitle: 'Nhập số thẻ BHYT', bhytHint: '10 chữ số (mã số BHXH) hoặc mã thẻ cũ 15 ký tự, VD: HS4010123456789',
      bhytBad: 'Số thẻ không đúng: cần 10 chữ số, hoặc 2 chữ cái + 1 chữ số 1–5 + 12 chữ số.',
      next: 'Tiếp tục', cancel: 'Huỷ', del: 'Xoá',
      notEligible: 'Không xác nhận được thẻ BHYT', CARD_EXPIRED: 'Thẻ BHYT đã hết hạn.',
      GROUP_NOT_ACCEPTED: 'Mã đối tượng của thẻ không được chấp nhận tại cơ sở này.', NOT_INSURED: 'Không tìm thấy thông tin BHYT.',
      PORTAL_UNAVAILABLE: 'Chưa tra cứu được BHYT lúc này.', feePath: 'Khám dịch vụ (thu phí)',
      chooseDept: 'Chọn khoa khám', bhyt: 'BHYT', fee: 'Thu phí', noDepts: 'Chưa có danh sách khoa. Vui lòng gọi nhân viên.',
      feeHint: 'Bạn vẫn có thể khám dịch vụ và tự trả phí, hoặc huỷ để hỏi quầy tiếp đón.',
      pay: 'Quét mã bằng ứng dụng ngân hàng', note: 'Nội dung chuyển khoản',
      payTo: 'Người nhận', bank: 'Ngân hàng', account: 'Số tài khoản', timeLeft: 'Thời gian còn lại: ',
      autoTicket: 'Khi tiền chuyển đến, kiosk tự cấp phiếu — bạn không cần bấm gì thêm.',
      staff: 'Nhân viên xác nhận đã thu', noQr: 'Vui lòng thanh toán tại quầy thu ngân.',
      TIMED_OUT: 'Hết thời gian thanh toán. Phiếu chưa được cấp.', CANCELLED: 'Đã huỷ thanh toán.', home: 'Về màn hình chính',
      next_TIMED_OUT: 'Nếu bạn đã chuyển tiền, vui lòng đến quầy thu ngân và đưa biên lai chuyển khoản. Nếu chưa, bạn có thể làm lại từ đầu.',
      next_CANCELLED: 'Bạn có thể làm lại từ đầu, hoặc thanh toán tại quầy thu ngân.',
      JOURNAL_FULL: 'Kiosk tạm thời chưa nhận thêm lượt. Vui lòng đến quầy tiếp đón.',
      printing: 'Đang in phiếu…', queue: 'Số thứ tự', code: 'Mã giao dịch', dept: 'Khoa khám', time: 'Thời gian',
      where: 'Nơi khám', goTo: 'Mời bạn đến', visitBhyt: 'Khám BHYT', visitPaid: a => 'Khám dịch vụ · đã thanh toán ' + a,
      visitFee: 'Khám dịch vụ · thanh toán tại quầy',
      printed: 'Vui lòng nhận phiếu bên dưới.',
      notPrinted: 'Máy in đang không hoạt động. Vui lòng chụp ảnh màn hình này hoặc ghi lại số thứ tự và mã giao dịch.',
      staffQr: 'Nhân viên quét mã này để tìm phiếu của bạn.',
      done: 'Hoàn tất'
    },
    en: {
      other: 'Tiếng Việt', welcome: 'Welcome', to: f => 'to ' + f,
      scan: 'Scan your citizen ID (CCCD) or VNeID / health-insurance QR, or place your ID card on the chip reader',
      typeBhyt: 'Type health-insurance number', readerOff: 'The card reader is disconnected — you can type your insurance number.',
      READ_FAILED: 'The card could not be read. Please scan again.', SAVE_FAILED: 'The kiosk could not save. Please try again or ask staff.',
      bhytTitle: 'Health-insurance (BHYT) number', bhytHint: '10 digits (social-insurance number) or the old 15-character code, e.g. HS4010123456789',
      bhytBad: 'Not a valid number: 10 digits, or 2 letters + a digit 1–5 + 12 digits.',
      next: 'Continue', cancel: 'Cancel', del: 'Delete',
      notEligible: 'Health insurance not confirmed', CARD_EXPIRED: 'The insurance card has expired.',
      GROUP_NOT_ACCEPTED: 'This card group is not accepted here.', NOT_INSURED: 'No insurance found.',
      PORTAL_UNAVAILABLE: 'Insurance cannot be checked right now.', feePath: 'Fee-paying visit',
      chooseDept: 'Choose a department', bhyt: 'Insured', fee: 'Fee-paying', noDepts: 'No departments yet. Please ask staff.',
      feeHint: 'You can still be seen as a fee-paying patient, or cancel and ask at reception.',
      pay: 'Scan the code with your banking app', note: 'Transfer note',
      payTo: 'Pay to', bank: 'Bank', account: 'Account number', timeLeft: 'Time left: ',
      autoTicket: 'Once the transfer arrives, the kiosk gives you your ticket by itself — nothing else to press.',
      staff: 'Staff: confirm payment received', noQr: 'Please pay at the cashier.',
      TIMED_OUT: 'Payment timed out. No ticket was issued.', CANCELLED: 'Payment cancelled.', home: 'Back to start',
      next_TIMED_OUT: 'If you already transferred the money, please go to the cashier with your transfer receipt. If not, you can start again.',
      next_CANCELLED: 'You can start again, or pay at the cashier.',
      JOURNAL_FULL: 'This kiosk cannot take more patients for now. Please go to the reception desk.',
      where: 'Where', goTo: 'Please go to', visitBhyt: 'Insured visit (BHYT)', visitPaid: a => 'Fee-paying visit · paid ' + a,
      visitFee: 'Fee-paying visit · pay at the cashier',
      staffQr: 'Staff scan this code to find your ticket.',
      printing: 'Printing your ticket…', queue: 'Queue number', code: 'Transaction code', dept: 'Department', time: 'Time',
      printed: 'Please take your ticket below.',
      notPrinted: 'The printer is out of service. Please photograph this screen or write down your queue number and code.',
      done: 'Done'
    }
  };
  let lang = 'vi';
  let state = null;
  let shown = -1;
  let typed = '';
  const app = document.getElementById('app');

  // An ID card drawn inline: emoji fonts are not on every kiosk image, and a missing glyph shows as a box.
  function scanArt() {
    const d = document.createElement('div');
    d.className = 'scan-art';
    d.setAttribute('aria-hidden', 'true');
    d.innerHTML = '<svg viewBox="0 0 120 80" width="1.6em" height="1.07em"><rect x="3" y="3" width="114" height="74" rx="10" '
      + 'fill="#e0f2ea" stroke="#0b6e4f" stroke-width="5"/><circle cx="36" cy="34" r="12" fill="#0b6e4f"/>'
      + '<rect x="20" y="50" width="32" height="14" rx="7" fill="#0b6e4f"/><rect x="62" y="24" width="42" height="7" rx="3" fill="#0b6e4f"/>'
      + '<rect x="62" y="40" width="42" height="7" rx="3" fill="#0b6e4f"/><rect x="62" y="56" width="28" height="7" rx="3" fill="#0b6e4f"/></svg>';
    return d;
  }

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
  const t = k => T[lang][k];
  const vnd = n => n.toLocaleString('de-DE') + 'đ';  // Vietnamese style: 50.000đ

  async function act(path, body) {
    const r = await fetch('/api/v1/kiosk/' + path, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body || {})
    });
    const json = await r.json().catch(() => ({}));
    if (r.ok) { apply(json); return null; }
    return json.error || 'ERROR';
  }

  /** A screen: its content (may scroll inside itself) and its buttons, which always stay on screen. */
  function screen(name, cls, body, actions) {
    return el('section', { id: 'screen-' + name, class: 'screen card ' + (cls || '') },
      el('div', { class: 'body' }, ...body), el('div', { class: 'actions' }, ...actions));
  }

  function welcome(s) {
    return screen('WELCOME', 'center', [
      el('h1', {}, t('welcome')), el('p', { class: 'lead' }, t('to')(s.facilityName)),
      scanArt(),
      el('h2', {}, t('scan')),
      s.message ? el('p', { id: 'message', class: 'notice bad' }, t(s.message)) : null,
      window.StatusBar.readersConnected() ? null : el('p', { id: 'reader-off', class: 'notice' }, t('readerOff'))],
      [el('button', { id: 'btn-bhyt', class: 'big secondary', onclick: () => act('bhyt-entry') }, t('typeBhyt'))]);
  }

  function normalise(v) { return v.replace(/[\s-]/g, '').toUpperCase(); }
  function validBhyt(v) { return /^\d{10}$/.test(v) || /^[A-Z]{2}[1-5]\d{12}$/.test(v); }

  function bhytEntry(s) {
    // inputmode none: the on-screen keypad below is the keyboard (a kiosk browser has no system keyboard).
    const input = el('input', { id: 'bhyt-input', class: 'entry', inputmode: 'none', autocomplete: 'off', maxlength: '20' });
    input.value = typed;
    const error = el('p', { id: 'bhyt-error', class: 'error', role: 'alert' });
    const check = (final) => {
      typed = input.value;
      const v = normalise(typed);
      const bad = (final || v.length >= 15 || /[^0-9A-Z]/.test(v)) && !validBhyt(v);
      input.classList.toggle('invalid', bad);
      error.textContent = bad ? t('bhytBad') : '';
      return !bad;
    };
    input.addEventListener('input', () => { act('touch'); check(false); });
    const key = c => el('button', { type: 'button', onclick: () => { input.value = c === '⌫' ? input.value.slice(0, -1) : input.value + c; input.dispatchEvent(new Event('input')); } }, c);
    const submit = async () => {
      if (!check(true)) return;
      const err = await act('bhyt', { number: normalise(input.value) });
      if (err === 'BHYT_FORMAT') { input.classList.add('invalid'); error.textContent = t('bhytBad'); }
      else if (!err) typed = '';
    };
    input.addEventListener('keydown', e => { if (e.key === 'Enter') submit(); });
    const pad = el('div', { id: 'keypad', class: 'keypad' }, ...'1234567890'.split('').map(key),
      ...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('').map(key), key('⌫'));
    setTimeout(() => input.focus(), 0);
    return screen('BHYT_ENTRY', '', [
      el('h1', {}, t('bhytTitle')), el('p', { class: 'lead' }, t('bhytHint')), input,
      s.message ? el('p', { id: 'message', class: 'notice bad' }, t(s.message)) : null, error, pad],
      [el('button', { id: 'btn-cancel', class: 'big secondary', onclick: () => { typed = ''; act('cancel'); } }, t('cancel')),
        el('button', { id: 'btn-bhyt-submit', class: 'big primary', onclick: submit }, t('next'))]);
  }

  function notEligible(s) {
    return screen('NOT_ELIGIBLE', 'center', [
      el('h1', {}, t('notEligible')), el('p', { id: 'message', class: 'notice bad' }, t(s.message) || s.message),
      el('p', { class: 'lead' }, t('feeHint'))],
      [el('button', { id: 'btn-cancel', class: 'big secondary', onclick: () => act('cancel') }, t('cancel')),
        el('button', { id: 'btn-fee-path', class: 'big primary', onclick: () => act('fee-path') }, t('feePath'))]);
  }

  function department(s) {
    const badge = el('span', { id: 'case-type', class: s.caseType === 'FEE' ? 'badge fee' : 'badge' },
      s.caseType === 'FEE' ? t('fee') : t('bhyt'));
    const list = s.departments.length === 0 ? el('p', { class: 'notice' }, t('noDepts'))
      : el('div', { class: 'grid' }, ...s.departments.map(d =>
          el('button', { class: 'choice', 'data-code': d.code, id: 'dept-' + d.code, onclick: () => act('department', { code: d.code }) }, d.name)));
    return screen('DEPARTMENT', '', [
      el('div', { class: 'row' }, el('h1', {}, t('chooseDept')), el('div', { style: 'flex:0' }, badge)),
      s.message ? el('p', { id: 'message', class: 'notice bad' }, t(s.message)) : null,
      list],
      [el('button', { id: 'btn-cancel', class: 'big secondary', onclick: () => act('cancel') }, t('cancel'))]);
  }

  const mmss = n => String(Math.floor(n / 60)).padStart(2, '0') + ':' + String(n % 60).padStart(2, '0');

  function facts(rows) {
    return el('dl', { class: 'facts' }, ...rows.filter(r => r[2]).flatMap(([id, label, value]) =>
      [el('dt', {}, label), el('dd', { id }, value)]));
  }

  function payment(s) {
    const qr = el('div', { id: 'payment-qr', class: 'qr' });
    if (s.paymentQrSvg) qr.innerHTML = s.paymentQrSvg;  // SVG made by the device itself from the EMVCo payload
    const p = s.payee || {};
    const details = el('div', { class: 'pay-details' },
      el('h1', {}, t('pay')), el('div', { id: 'amount', class: 'amount' }, vnd(s.feeVnd)),
      facts([['payee-name', t('payTo'), p.name], ['payee-bank', t('bank'), p.bank], ['payee-account', t('account'), p.account],
        ['payment-department', t('dept'), s.department], ['payment-note', t('note'), s.paymentNote]]),
      el('p', { class: 'lead' }, t('timeLeft'), el('span', { id: 'seconds-left', class: 'countdown' }, mmss(s.secondsLeft))),
      el('p', { id: 'payment-auto', class: 'notice ok' }, s.paymentQrSvg ? t('autoTicket') : t('noQr')),
      s.message ? el('p', { id: 'message', class: 'notice bad' }, t(s.message)) : null);
    return screen('PAYMENT', '', [el('div', { class: 'pay' }, s.paymentQrSvg ? qr : null, details)],
      [s.staffConfirm ? el('button', { id: 'btn-staff-confirm', class: 'big secondary', onclick: () => act('staff-confirm') }, t('staff')) : null,
        el('button', { id: 'btn-cancel', class: 'big danger', onclick: () => act('cancel') }, t('cancel'))]);
  }

  function paymentEnded(s) {
    return screen('PAYMENT_ENDED', 'center', [
      el('h1', { id: 'message' }, t(s.message) || s.message),
      el('p', { id: 'what-next', class: 'lead' }, t('next_' + s.message) || '')],
      [el('button', { id: 'btn-home', class: 'big primary', onclick: () => act('done') }, t('home'))]);
  }

  function printing() {
    return screen('PRINTING', 'center', [el('h1', {}, t('printing'))], []);
  }

  function ticket(s) {
    const k = s.ticket;
    const visit = k.caseType === 'BHYT' ? t('visitBhyt') : k.paidVnd ? t('visitPaid')(vnd(k.paidVnd)) : t('visitFee');
    const staffQr = k.qrSvg ? el('div', { id: 'ticket-qr', class: 'staff-qr' }) : null;
    if (staffQr) staffQr.innerHTML = k.qrSvg;  // SVG made by the device: the transaction code and queue number only
    return screen('TICKET', '', [el('div', { class: 'ticket' },
      el('div', { class: 'center' },
        el('p', { class: 'lead' }, t('queue')), el('div', { id: 'queue-number', class: 'queue' }, k.queueNumber),
        el('p', { id: 'ticket-go', class: 'go' }, t('goTo'), ' ', k.department + (k.location ? ' — ' + k.location : '')),
        el('span', { id: 'ticket-visit', class: k.caseType === 'BHYT' ? 'badge' : 'badge fee' }, visit)),
      el('div', { class: 'ticket-details' },
        facts([['transaction-code', t('code'), k.transactionCode], ['ticket-department', t('dept'), k.department],
          ['ticket-location', t('where'), k.location], ['ticket-time', t('time'), k.issuedAt]]),
        k.printed ? el('p', { id: 'ticket-printed', class: 'notice ok' }, t('printed'))
          : el('p', { id: 'ticket-on-screen', class: 'notice' }, t('notPrinted')),
        staffQr ? el('div', { class: 'staff-line' }, staffQr, el('p', { class: 'lead' }, t('staffQr'))) : null))],
      [el('button', { id: 'btn-done', class: 'big primary', onclick: () => act('done') }, t('done'))]);
  }

  const SCREENS = { WELCOME: welcome, BHYT_ENTRY: bhytEntry, NOT_ELIGIBLE: notEligible, DEPARTMENT: department,
    PAYMENT: payment, PAYMENT_ENDED: paymentEnded, PRINTING: printing, TICKET: ticket };

  function render() {
    const s = state;
    document.documentElement.lang = lang;
    document.getElementById('facility').textContent = s.facilityName;
    document.getElementById('lang').textContent = t('other');
    app.replaceChildren(SCREENS[s.screen](s));
    app.dataset.screen = s.screen;
    shown = s.version;
  }

  function apply(s) {
    const before = state;
    state = s;
    if (s.screen === 'WELCOME' && before && before.screen !== 'WELCOME') {
      lang = 'vi';  // a new person starts in Vietnamese
      typed = '';
      window.StatusBar.setLang(lang);
    }
    if (s.version !== shown || !before) render();
    else if (s.screen === 'PAYMENT') {
      const left = document.getElementById('seconds-left');
      if (left) left.textContent = mmss(s.secondsLeft);
    }
  }

  async function poll() {
    try {
      const r = await fetch('/api/v1/kiosk', { cache: 'no-store' });
      if (r.ok) apply(await r.json());
    } catch (e) { /* the device is restarting: keep the last screen */ }
  }

  document.getElementById('lang').addEventListener('click', () => {
    lang = lang === 'vi' ? 'en' : 'vi';
    window.StatusBar.setLang(lang);
    act('touch');
    if (state) render();
  });
  document.addEventListener('pointerdown', () => { if (state && state.screen !== 'WELCOME') act('touch'); }, true);
  let readerWasOk = true;
  setInterval(() => {  // the Welcome hint follows the reader's state from the status bar
    const ok = window.StatusBar.readersConnected();
    if (ok !== readerWasOk && state && state.screen === 'WELCOME') render();
    readerWasOk = ok;
  }, 500);
  poll();
  setInterval(poll, 400);
})();
