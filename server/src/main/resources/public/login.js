// Kiosk06 dashboard log-in: posts the name and password, then opens the dashboard. The session lives in an
// HttpOnly cookie this script never sees.
'use strict';

document.getElementById('login').addEventListener('submit', async (e) => {
  e.preventDefault();
  const error = document.getElementById('login-error');
  error.textContent = '';
  const body = { name: document.getElementById('name').value.trim(), password: document.getElementById('password').value };
  let r;
  try {
    r = await fetch('/api/v1/session', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  } catch (err) {
    error.textContent = 'Không kết nối được máy chủ.';
    return;
  }
  if (r.ok) {
    location.href = '/dashboard/index.html' + location.hash;
    return;
  }
  const res = await r.json().catch(() => ({}));
  document.getElementById('password').value = '';
  if (r.status === 429) {
    const minutes = Math.max(1, Math.ceil((res.retryAfterSeconds || 60) / 60));
    error.textContent = `Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ${minutes} phút.`;
  } else if (r.status === 401) {
    error.textContent = 'Sai tên đăng nhập hoặc mật khẩu.';
  } else {
    error.textContent = res.error || `Lỗi ${r.status}`;
  }
});
