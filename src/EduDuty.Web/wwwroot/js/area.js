// Area page: recompute derived values while the official types (the server runs the same rules as on save),
// and warn before leaving with unsaved changes. Works without this script too: saving recomputes everything.
(() => {
  const form = document.getElementById('area-form');
  if (!form || !form.dataset.previewUrl) return;

  const note = document.getElementById('dirty-note');
  let dirty = false;
  let submitted = false;
  let timer = 0;
  let sequence = 0;

  const markDirty = (event) => {
    // A comment typed on a row belongs to its own form (form="…"): it is neither a figure nor unsaved area content.
    if (submitted || (event && event.target.form !== form)) return;
    dirty = true;
    if (note) note.hidden = false;
    clearTimeout(timer);
    timer = setTimeout(preview, 350);
  };

  // Values typed but refused by the server (invalid, locked, conflicting) are still on the page and still unsaved.
  if (form.dataset.unsaved === 'true') {
    dirty = true;
    if (note) note.hidden = false;
  }

  form.addEventListener('input', markDirty);
  form.addEventListener('change', markDirty);
  // Once saving, no more previews: a late one must not race the save's redirect.
  form.addEventListener('submit', () => { dirty = false; submitted = true; clearTimeout(timer); });
  window.addEventListener('beforeunload', (event) => {
    if (!dirty) return;
    event.preventDefault();
    event.returnValue = '';
  });
  // Enter in a single-line box must not submit half a form by surprise.
  form.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && event.target instanceof HTMLInputElement && event.target.type === 'text') event.preventDefault();
  });

  async function preview() {
    if (submitted) return;
    const mine = ++sequence;
    let response;
    try {
      response = await fetch(form.dataset.previewUrl, { method: 'POST', body: new FormData(form), credentials: 'same-origin' });
    } catch {
      return; // offline or server gone: the save itself will report
    }
    if (!response.ok || mine !== sequence) return;
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

    for (const slot of form.querySelectorAll('[data-error-for]')) {
      const message = body.errors[slot.dataset.errorFor] ?? '';
      slot.textContent = message;
      const input = form.querySelector(`#f-${CSS.escape(slot.dataset.errorFor.replaceAll('.', '-'))}`);
      if (input && input.classList.contains('form-control')) input.classList.toggle('is-invalid', message !== '');
    }
  }
})();
