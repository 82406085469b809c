// Area page. While the official types, the server recomputes derived values, judgments and plausibility findings (preview).
// Autosave (issue 27, decision 0039): a figure is saved when its field is left, a text every few seconds while it is typed,
// one value at a time through the same guarded write as 保存本领域 (with its version, so a colleague's change comes back as
// a conflict beside the field). Beside each field: 已保存 / 未保存 / 保存失败 with the reason. What is typed and not saved
// yet is mirrored into this tab's sessionStorage, so an ended session or a lost connection never loses it: the page puts it
// back, marked 未保存, when it is opened again (after signing in again). Without this script the form works as before.
(() => {
  const form = document.getElementById('area-form');
  if (!form || !form.dataset.previewUrl) return;

  const NARRATIVE = 'Narrative';
  const TEXT_DELAY = 3000;
  const LABELS = { saved: '已保存', unsaved: '未保存', saving: '正在保存…', failed: '保存失败' };
  const ENDED = '登录已结束（已超时或已在其他窗口退出），本次没有保存。您填写的内容已保留在本浏览器中，重新登录后回到本页会自动填回';
  const OFFLINE = '没有连上服务器，本次没有保存。您填写的内容仍在本页，也已保留在本浏览器中；请检查网络后点“保存本领域”';
  const STALE = '页面已过期，本次没有保存。您填写的内容已保留在本浏览器中：请刷新页面，内容会自动填回，再保存';
  const TOO_LONG = '内容过长，本次没有保存。请精简后再试';

  const session = window.EduDutySession;
  const autosave = form.dataset.autosave === 'true' && Boolean(form.dataset.fieldUrl);
  const storeKey = `eduduty.kept:${form.dataset.evaluation}:${form.dataset.area}`;
  const note = document.getElementById('dirty-note');
  const help = document.getElementById('autosave-help');
  const token = form.querySelector('input[name="__RequestVerificationToken"]');
  const named = (name) => form.elements.namedItem(name);
  const valueOf = (control) => control.value ?? '';
  // What the page came with from the server, whatever was typed before this script ran (a slow page, a quick typist).
  const initialOf = (control) => {
    if (control instanceof RadioNodeList) return [...control].find((radio) => radio.defaultChecked)?.value ?? '';
    if (control instanceof HTMLSelectElement) return [...control.options].find((option) => option.defaultSelected)?.value ?? '';
    return control.defaultValue ?? '';
  };
  const setValue = (name, value) => { const input = named(name); if (input) input.value = value; };

  let submitted = false;
  let ended = false;
  let discarding = false;
  let previewTimer = 0;
  let storeTimer = 0;
  let sequence = 0;
  let pressing = false; // 保存本领域 is being pressed (see below)
  const held = new Set();

  // Every target the page can save on its own: a figure by its code, or the area's text.
  const targets = new Map();
  for (const slot of form.querySelectorAll('[data-autosave-for]')) {
    const code = slot.dataset.autosaveFor;
    const names = code === NARRATIVE
      ? { value: 'Form.Narrative', base: 'Form.NarrativeBase', version: 'Form.NarrativeVersion' }
      : { value: `Form.Values[${code}]`, base: `Form.Base[${code}]`, version: `Form.Versions[${code}]` };
    const control = named(names.value);
    if (!control) continue;
    const first = control instanceof RadioNodeList ? control[0] : control;
    targets.set(code, {
      code, names, slot, control,
      text: first instanceof HTMLTextAreaElement,
      row: slot.closest('.field-row'),
      // What the server holds, as it reads in the box. After a refused save the box shows what was typed: its base then.
      saved: form.dataset.unsaved === 'true' ? (named(names.base)?.value ?? '') : initialOf(control),
      state: 'saved', busy: false, again: false, timer: 0,
      edited: slot.closest('.field-row')?.dataset.typed === 'true',
    });
  }
  const dirty = (target) => valueOf(target.control) !== target.saved;
  const anyDirty = () => [...targets.values()].some((t) => dirty(t) || t.busy);
  const targetOf = (element) => [...targets.values()].find((t) => t.names.value === element.name);

  function show(target, state, detail = '', actions = []) {
    target.state = state;
    const slot = target.slot;
    slot.className = `autosave-status small autosave-${state}`;
    slot.dataset.state = state;
    const label = document.createElement('span');
    label.className = 'autosave-label';
    label.textContent = LABELS[state];
    const parts = [label];
    if (detail) {
      const text = document.createElement('span');
      text.className = 'autosave-detail';
      text.textContent = `：${detail}。`;
      parts.push(text);
    }
    for (const [caption, act] of actions) {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'btn btn-link btn-sm p-0 ms-2 autosave-action';
      button.textContent = caption;
      button.addEventListener('click', act);
      parts.push(button);
    }
    slot.replaceChildren(...parts);
    if (note) note.hidden = !anyDirty();
  }

  // The stored value shows as 已保存 once the page is open; an empty field says nothing.
  // A field typed and already left before this script ran is saved now, as if left now.
  const early = [];
  for (const target of targets.values()) {
    if (dirty(target)) show(target, 'unsaved');
    else if (target.saved !== '' && autosave) show(target, 'saved');
    const first = target.control instanceof RadioNodeList ? target.control[0] : target.control;
    if (dirty(target) && form.dataset.unsaved !== 'true' && document.activeElement !== first) early.push(target);
  }
  if (help && autosave) help.hidden = false;

  // ── Keeping what is typed in this tab (sessionStorage: gone when the tab closes, never sent anywhere) ──
  function keepNow() {
    clearTimeout(storeTimer);
    if (discarding) return;
    const fields = {};
    for (const t of targets.values()) {
      if (!dirty(t)) continue;
      fields[t.code] = { value: valueOf(t.control), base: named(t.names.base)?.value ?? '', version: named(t.names.version)?.value ?? '0' };
    }
    try {
      if (Object.keys(fields).length === 0) sessionStorage.removeItem(storeKey);
      else sessionStorage.setItem(storeKey, JSON.stringify({ user: form.dataset.user, at: Date.now(), fields }));
    } catch {
      // Storage full or turned off: the page itself still holds what was typed.
    }
  }
  const keep = () => { clearTimeout(storeTimer); storeTimer = setTimeout(keepNow, 300); };
  const forget = () => { try { sessionStorage.removeItem(storeKey); } catch { /* nothing kept */ } };

  function restore() {
    if (form.dataset.saved === 'true') { forget(); return; } // 保存本领域 just saved everything
    if (form.dataset.unsaved === 'true') { keepNow(); return; } // the server shows what was typed again
    let kept = null;
    try { kept = JSON.parse(sessionStorage.getItem(storeKey) || 'null'); } catch { kept = null; }
    if (!kept) return;
    if (kept.user !== form.dataset.user || !autosave) { forget(); return; } // another user, or the page is read-only now
    let count = 0;
    for (const [code, entry] of Object.entries(kept.fields || {})) {
      const target = targets.get(code);
      if (!target || valueOf(target.control) === entry.value) continue; // the server already holds it
      target.control.value = entry.value;
      // Based on what the user saw then: a colleague's change since then comes back as a conflict, never overwritten silently.
      setValue(target.names.base, entry.base);
      setValue(target.names.version, entry.version);
      if (target.row) target.row.hidden = false;
      target.restored = true; // never saved without the user's action
      show(target, 'unsaved', '已从本浏览器填回，请核对后保存');
      count++;
    }
    if (count === 0) { forget(); return; }
    const banner = document.getElementById('kept-restored');
    if (banner) {
      document.getElementById('kept-count').textContent = String(count);
      banner.hidden = false;
      document.getElementById('kept-discard')?.addEventListener('click', () => {
        discarding = true;
        forget();
        window.location.reload();
      });
    }
    schedulePreview(0);
  }

  for (const link of document.querySelectorAll('[data-discard-kept]')) {
    link.addEventListener('click', () => { discarding = true; forget(); });
  }

  // ── Saving one target ──
  function saveSoon(target, delay) {
    clearTimeout(target.timer);
    target.timer = setTimeout(() => save(target), delay);
  }

  async function save(target) {
    clearTimeout(target.timer);
    if (!autosave || submitted || ended) return;
    if (target.busy) { target.again = true; return; }
    if (!dirty(target)) { if (target.state === 'unsaved') show(target, 'saved'); return; }
    const sent = valueOf(target.control);
    const body = new FormData();
    if (token) body.append('__RequestVerificationToken', token.value);
    body.append(target.names.value, sent);
    body.append(target.names.base, named(target.names.base)?.value ?? '');
    body.append(target.names.version, named(target.names.version)?.value ?? '0');
    target.busy = true;
    show(target, 'saving');
    let response = null;
    let answer = null;
    try {
      response = await fetch(form.dataset.fieldUrl, {
        method: 'POST', body, credentials: 'same-origin', headers: { 'X-Requested-With': 'XMLHttpRequest', Accept: 'application/json' },
      });
      if ((response.headers.get('content-type') || '').includes('json')) answer = await response.json();
    } catch {
      response = null;
    }
    target.busy = false;
    answered(target, sent, response, answer);
    keep();
    if (target.again) {
      target.again = false;
      if (target.state !== 'failed' && dirty(target)) save(target);
    }
  }

  function answered(target, sent, response, answer) {
    if (response && (response.status === 401 || signInPage(response))) {
      sessionEnded();
      return;
    }
    if (answer && response.ok && answer.status === 'saved') {
      session?.touched();
      setValue(target.names.base, answer.value ?? '');
      setValue(target.names.version, String(answer.version));
      target.saved = sent;
      show(target, dirty(target) ? 'unsaved' : 'saved');
      return;
    }
    if (answer?.status === 'conflict') {
      session?.touched();
      // As after the area's save: the colleague's value is shown, the box keeps the user's, and saving again is a
      // deliberate overwrite (based on the colleague's version now).
      const theirs = answer.conflict;
      setValue(target.names.base, theirs.value ?? '');
      setValue(target.names.version, String(theirs.version));
      show(target, 'failed', answer.message.replace(/。$/, ''), [
        ['用我的值覆盖', () => save(target)],
        ['改用对方的值', () => useTheirs(target, theirs.value ?? '')],
      ]);
      return;
    }
    if (answer?.message) {
      session?.touched();
      // The same reason already stands in red under the field (checked while typing): say it once.
      show(target, 'failed', answer.message.replace(/。$/, ''));
      sayOnce(target);
      return;
    }
    if (response?.status === 400) show(target, 'failed', STALE);
    else if (response?.status === 413) show(target, 'failed', TOO_LONG);
    else show(target, 'failed', OFFLINE);
  }

  // A refused figure's reason also stands in red under the field (the live check); whichever answer comes second, say it once.
  function sayOnce(target) {
    if (target.state !== 'failed') return;
    const detail = target.slot.querySelector('.autosave-detail');
    const beside = target.row?.querySelector('.field-error')?.textContent.trim().replace(/。$/, '');
    if (detail && beside && detail.textContent === `：${beside}。`) detail.textContent = '：请按上面的提示改正。';
  }

  function useTheirs(target, value) {
    target.control.value = value;
    target.saved = valueOf(target.control);
    show(target, 'saved');
    keep();
    schedulePreview(0);
  }

  const signInPage = (response) => response.redirected && new URL(response.url).pathname.startsWith('/Account/Login');

  // The session ended (a save or a preview was answered 401, or the idle notice found it ended): keep what is typed and say so.
  function sessionEnded() {
    if (ended) return;
    ended = true;
    keepNow();
    for (const target of targets.values()) {
      if (dirty(target)) show(target, 'unsaved', ENDED);
    }
    session?.end();
  }
  document.addEventListener('eduduty:session-ended', sessionEnded);

  // ── Typing ──
  function edited(event) {
    // A comment typed on a row belongs to its own form (form="…"): it is neither a figure nor unsaved area content.
    if (submitted || !event.target.form || event.target.form !== form) return;
    schedulePreview(350);
    const target = targetOf(event.target);
    if (!target) return;
    target.edited = true;
    if (!target.busy) {
      if (dirty(target)) show(target, 'unsaved');
      else if (target.saved !== '') show(target, 'saved');
      else { target.slot.replaceChildren(); target.state = 'saved'; }
    }
    keep();
    if (event.type === 'change' && pressing) held.add(target);
    else if (event.type === 'change') saveSoon(target, 0);
    else if (target.text) saveSoon(target, TEXT_DELAY);
  }
  form.addEventListener('input', edited);
  form.addEventListener('change', edited);

  // A field left by pressing 保存本领域: the area's save takes its value with the rest. (An autosave racing that save would
  // make what the save reports depend on which request the server answered first.) Pressed but not submitted after all
  // (released elsewhere, or the browser refused the form): those fields are saved on their own as usual.
  document.getElementById('save')?.addEventListener('pointerdown', () => { pressing = true; });
  document.addEventListener('pointerup', () => setTimeout(() => {
    if (!pressing) return;
    pressing = false;
    if (!submitted) for (const target of held) saveSoon(target, 0);
    held.clear();
  }, 0));

  // Once saving the whole area, no more previews or autosaves: a late one must not race the save's redirect.
  // An autosave still on its way when 保存本领域 is pressed: the area's save waits for its answer (at most 10 s), so that it
  // is sent with the version that answer gave; sent at once, it would meet the field's own autosave as a colleague's change
  // and be refused, and the last choice typed would not be saved.
  let waitingSince = 0;
  form.addEventListener('submit', (event) => {
    const busy = () => [...targets.values()].some((t) => t.busy);
    if (busy() && (waitingSince === 0 || Date.now() - waitingSince < 10000)) {
      event.preventDefault();
      if (waitingSince === 0) {
        waitingSince = Date.now();
        const submitter = event.submitter;
        const retry = () => (busy() && Date.now() - waitingSince < 10000 ? setTimeout(retry, 50)
          : submitter ? form.requestSubmit(submitter) : form.requestSubmit());
        setTimeout(retry, 50);
      }
      return;
    }
    submitted = true;
    // What was edited on this page, autosaved or not: 只看未填 keeps these rows on screen if the save is refused.
    for (const target of targets.values()) {
      if (!target.edited || target.code === NARRATIVE) continue;
      const mark = document.createElement('input');
      mark.type = 'hidden';
      mark.name = 'typed';
      mark.value = target.code;
      form.append(mark);
    }
    clearTimeout(previewTimer);
    for (const target of targets.values()) clearTimeout(target.timer);
    keepNow(); // cleared by the page that says it was saved; put back if the session had ended
  });
  window.addEventListener('pagehide', keepNow);
  window.addEventListener('beforeunload', (event) => {
    if (submitted || ended || discarding || !anyDirty()) return;
    event.preventDefault();
    event.returnValue = '';
  });
  // Enter in a single-line box must not submit half a form by surprise.
  form.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && event.target instanceof HTMLInputElement && event.target.type === 'text') event.preventDefault();
  });

  // ── Live recomputation ──
  function schedulePreview(delay) {
    clearTimeout(previewTimer);
    previewTimer = setTimeout(preview, delay);
  }

  async function preview() {
    if (submitted) return;
    const mine = ++sequence;
    let response;
    try {
      response = await fetch(form.dataset.previewUrl, {
        method: 'POST', body: new FormData(form), credentials: 'same-origin', headers: { 'X-Requested-With': 'XMLHttpRequest' },
      });
    } catch {
      return; // offline or server gone: the save itself will report
    }
    if (response.status === 401 || signInPage(response)) { sessionEnded(); return; }
    if (!response.ok || mine !== sequence) return;
    session?.touched();
    const body = await response.json();

    for (const [code, result] of Object.entries(body.results)) {
      const output = form.querySelector(`[data-derived="${CSS.escape(code)}"]`);
      if (output) output.textContent = result.text;
      const badge = form.querySelector(`[data-status-for="${CSS.escape(code)}"]`);
      if (badge) {
        badge.className = `badge status-badge ${result.css}`;
        badge.textContent = result.label;
        badge.hidden = !result.shown;
      }
      const reason = form.querySelector(`[data-reason-for="${CSS.escape(code)}"]`);
      if (reason) reason.textContent = result.shown ? result.reason : '';
    }

    // Plausibility findings (issue 26): beside the field they are about, or above the form when it is in another area.
    const elsewhere = document.getElementById('area-plausibility');
    for (const slot of [...form.querySelectorAll('[data-plausibility-for]'), elsewhere]) if (slot) slot.replaceChildren();
    for (const finding of body.plausibility ?? []) {
      const slot = form.querySelector(`[data-plausibility-for="${CSS.escape(finding.field)}"]`) ?? elsewhere;
      if (!slot) continue;
      const line = document.createElement('div');
      line.className = `small plausibility ${finding.hard ? 'plausibility-hard' : 'plausibility-soft'}`;
      line.dataset.hard = finding.hard ? 'true' : 'false';
      const badge = document.createElement('span');
      badge.className = `badge ${finding.hard ? 'text-bg-danger' : 'text-bg-warning'}`;
      badge.textContent = finding.hard ? '不合理' : '请核对';
      const text = document.createElement('span');
      text.className = 'plausibility-text';
      text.textContent = finding.text;
      line.append(badge, ' ', text);
      slot.append(line);
    }

    // The counts above the form follow what is typed (each field is autosaved when left).
    for (const [id, text] of [['area-filled', body.counts?.area], ['total-filled', body.counts?.total], ['area-nav-filled', body.counts?.nav]]) {
      const element = document.getElementById(id);
      if (element && text) element.textContent = text;
    }

    for (const slot of form.querySelectorAll('[data-error-for]')) {
      const message = body.errors[slot.dataset.errorFor] ?? '';
      slot.textContent = message;
      const input = form.querySelector(`#f-${CSS.escape(slot.dataset.errorFor.replaceAll('.', '-'))}`);
      if (input && input.classList.contains('form-control')) input.classList.toggle('is-invalid', message !== '');
      const target = [...targets.values()].find((t) => t.code === slot.dataset.errorFor);
      if (target) sayOnce(target);
    }
  }

  restore();
  for (const target of early) if (!target.restored && target.state === 'unsaved') saveSoon(target, 0);
})();
