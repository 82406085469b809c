// The session as the user sees it (issue 27, decision 0039). On every signed-in page: a notice a few minutes before the
// idle limit with 继续 (which renews the session), and the ended state with 重新登录. On the sign-in page: a word that
// content typed before the session ended is kept in this tab (area.js keeps it under "eduduty.kept:<evaluation>:<area>").
(() => {
  const KEPT = 'eduduty.kept:';
  const keptKeys = () => {
    try { return Object.keys(sessionStorage).filter((k) => k.startsWith(KEPT)); } catch { return []; }
  };

  const kept = document.getElementById('kept-notice');
  if (kept && keptKeys().length > 0) kept.hidden = false;

  // Signing out on purpose leaves nothing typed behind in the tab.
  document.getElementById('logout-form')?.addEventListener('submit', () => {
    for (const key of keptKeys()) sessionStorage.removeItem(key);
  });

  const notice = document.getElementById('session-notice');
  if (!notice) return;
  // Someone else signed in on this tab after an ended session: what the previous user typed is theirs, not to be kept here.
  for (const key of keptKeys()) {
    let owner = null;
    try { owner = JSON.parse(sessionStorage.getItem(key) || 'null')?.user ?? null; } catch { owner = null; }
    if (owner !== notice.dataset.user) sessionStorage.removeItem(key);
  }
  const url = notice.dataset.statusUrl;
  const noticeMs = Number(notice.dataset.noticeSeconds) * 1000;
  const idleMs = Number(notice.dataset.idleSeconds) * 1000;
  const minutes = document.getElementById('session-minutes');
  const error = document.getElementById('session-error');
  const headers = { 'X-Requested-With': 'XMLHttpRequest', Accept: 'application/json' };

  // Any request renews the session once a minute has passed since the last renewal: after one, at least idle − 1 minute is left.
  let deadline = Date.now() + idleMs - 60000;
  let timer = 0;
  let ticker = 0;
  let ended = false;

  const state = (which) => {
    for (const part of notice.querySelectorAll('[data-session-state]')) part.hidden = part.dataset.sessionState !== which;
  };
  const schedule = (at) => {
    clearTimeout(timer);
    timer = setTimeout(check, Math.max(1000, at - Date.now()));
  };
  const tick = () => {
    minutes.textContent = String(Math.max(1, Math.ceil((deadline - Date.now()) / 60000)));
  };
  const hide = () => {
    notice.hidden = true;
    clearInterval(ticker);
    if (error) error.hidden = true;
  };
  const soon = () => {
    state('soon');
    tick();
    clearInterval(ticker);
    ticker = setInterval(tick, 10000);
    notice.hidden = false;
  };

  function end() {
    if (ended) return;
    ended = true;
    clearTimeout(timer);
    clearInterval(ticker);
    state('ended');
    document.getElementById('session-login').href = `/Account/Login?ReturnUrl=${encodeURIComponent(window.location.pathname + window.location.search)}`;
    notice.hidden = false;
    document.dispatchEvent(new CustomEvent('eduduty:session-ended'));
  }

  // How long is left, asked without renewing the session: another tab may have used it meanwhile.
  async function check() {
    if (ended) return;
    let response;
    try {
      response = await fetch(url, { headers, credentials: 'same-origin', cache: 'no-store' });
    } catch {
      schedule(Date.now() + 30000);
      return;
    }
    if (response.status === 401 || (response.redirected && new URL(response.url).pathname.startsWith('/Account/Login'))) { end(); return; }
    if (!response.ok) { schedule(Date.now() + 30000); return; }
    const body = await response.json();
    deadline = Date.now() + body.remainingSeconds * 1000;
    if (body.remainingSeconds <= 0) { end(); return; }
    if (deadline - Date.now() > noticeMs + 1000) {
      hide();
      schedule(deadline - noticeMs);
      return;
    }
    soon();
    schedule(deadline + 1000);
  }

  async function extend() {
    const token = document.querySelector('input[name="__RequestVerificationToken"]');
    let response;
    try {
      response = await fetch(url, {
        method: 'POST', headers, credentials: 'same-origin', body: new URLSearchParams({ __RequestVerificationToken: token ? token.value : '' }),
      });
    } catch {
      if (error) error.hidden = false;
      return;
    }
    if (response.status === 401 || response.redirected) { end(); return; }
    if (!response.ok) { if (error) error.hidden = false; return; }
    const body = await response.json();
    deadline = Date.now() + body.remainingSeconds * 1000;
    hide();
    schedule(deadline - noticeMs);
  }

  document.getElementById('session-continue').addEventListener('click', extend);
  schedule(deadline - noticeMs);

  // For the page's own scripts: a request they made renewed the session; or was answered as signed out.
  window.EduDutySession = {
    touched() {
      if (ended) return;
      deadline = Math.max(deadline, Date.now() + idleMs - 60000);
      hide();
      schedule(deadline - noticeMs);
    },
    end,
  };
})();
