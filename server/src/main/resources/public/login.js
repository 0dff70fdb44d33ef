// Kiosk06 dashboard log-in: posts the name and password, then opens the dashboard. The session lives in an
// HttpOnly cookie this script never sees. Words come from i18n.js.
'use strict';

translatePage();
document.getElementById('lang').value = LANG;
document.getElementById('lang').addEventListener('change', (e) => {
  LANG = e.target.value;
  localStorage.setItem('kiosk06.lang', LANG);
  translatePage();
});

document.getElementById('login').addEventListener('submit', async (e) => {
  e.preventDefault();
  const error = document.getElementById('login-error');
  error.textContent = '';
  const body = { name: document.getElementById('name').value.trim(), password: document.getElementById('password').value };
  let r;
  try {
    r = await fetch('/api/v1/session', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  } catch (err) {
    error.textContent = t('loginNoServer');
    return;
  }
  if (r.ok) {
    location.href = '/dashboard/index.html' + location.hash;
    return;
  }
  const res = await r.json().catch(() => ({}));
  document.getElementById('password').value = '';
  if (r.status === 429) {
    error.textContent = t('loginLocked', Math.max(1, Math.ceil((res.retryAfterSeconds || 60) / 60)));
  } else if (r.status === 401) {
    error.textContent = t('loginWrong');
  } else {
    error.textContent = res.error || t('error', r.status);
  }
});
