// Script runs: the bar's menu button works, so below 992 px the bar may fold (site.css keeps it open without script).
document.documentElement.classList.add('js');

// The bar's menus (系统管理, the user menu) are <details>: they open without script; with it, one open at a time, and a
// click elsewhere or Escape closes them (Escape returns focus to the menu's button).
document.addEventListener('click', (event) => {
  for (const menu of document.querySelectorAll('details.bar-menu[open]')) {
    if (!menu.contains(event.target)) menu.open = false;
  }
});
document.addEventListener('keydown', (event) => {
  if (event.key !== 'Escape') return;
  const menu = document.activeElement && document.activeElement.closest('details.bar-menu[open]');
  if (!menu) return;
  menu.open = false;
  menu.querySelector('summary').focus();
});

// Every page: a form with data-confirm="…" asks before it posts (return, approve, reopen, delete). The server checks
// everything again; this only keeps a slip of the mouse from taking a step that cannot be undone by the same person.
document.addEventListener('submit', (event) => {
  const form = event.target;
  const submitter = event.submitter;
  // The return form: with every reason row empty the server can only refuse, so say so before the dialog asks.
  if (form instanceof HTMLFormElement && form.dataset.requireReason) {
    const rows = [...form.querySelectorAll('.reason-row')].map((row) => [
      row.querySelector('select')?.value.trim() ?? '', row.querySelector('input')?.value.trim() ?? '']);
    if (rows.every(([target, text]) => target === '' && text === '')) {
      event.preventDefault();
      let note = form.querySelector('.reason-required');
      if (!note) {
        note = document.createElement('div');
        note.className = 'alert alert-danger small py-2 mb-2 reason-required';
        note.setAttribute('role', 'alert');
        form.querySelector('.reason-row')?.before(note);
      }
      note.textContent = form.dataset.requireReason;
      form.querySelector('.reason-row select')?.focus();
      return;
    }
  }
  const question = (submitter && submitter.dataset.confirm) || (form instanceof HTMLFormElement && form.dataset.confirm);
  if (question && !window.confirm(question)) { event.preventDefault(); return; }
  // A form whose server asks for a confirmation step without script (停用, 重置密码): the dialog was that step.
  const field = form instanceof HTMLFormElement ? form.dataset.confirmField : undefined;
  if (question && field && !form.querySelector(`input[name="${field}"]`)) {
    const confirmed = document.createElement('input');
    confirmed.type = 'hidden';
    confirmed.name = field;
    confirmed.value = 'true';
    form.append(confirmed);
  }
  // Two forms of one panel (approve and return): each carries what is typed in the other, so a refusal of one brings the
  // page back with both as typed (issue 27 walk: a refused return reset the typed 审核意见 and 整改意见).
  const other = form instanceof HTMLFormElement && form.dataset.carry ? document.querySelector(form.dataset.carry) : null;
  if (other && !event.defaultPrevented) {
    for (const control of other.querySelectorAll('textarea[name], select[name], input[type="text"][name]')) {
      if (form.querySelector(`[name="${CSS.escape(control.name)}"]`)) continue;
      const carried = document.createElement('input');
      carried.type = 'hidden';
      carried.name = control.name;
      carried.value = control.value;
      form.append(carried);
    }
  }
}, true);

// A button with data-copy-target copies that field's value (a new API token, shown once) and says so on itself.
document.addEventListener('click', async (event) => {
  const button = event.target instanceof Element ? event.target.closest('button[data-copy-target]') : null;
  if (!button) return;
  const field = document.querySelector(button.dataset.copyTarget);
  if (!field) return;
  field.select();
  try {
    await navigator.clipboard.writeText(field.value);
  } catch {
    document.execCommand('copy');
  }
  button.textContent = button.dataset.copied || '已复制';
});

// 部门分工: choosing 整个领域交给 … sets every field select of that area to the same department, so the page shows what saving
// will do (issue 30 walk: the area's fields still showed their old departments after the area select changed).
document.addEventListener('change', (event) => {
  const areaSelect = event.target instanceof HTMLSelectElement && event.target.matches('select.area-owner') ? event.target : null;
  if (!areaSelect || areaSelect.value === '') return;
  const card = areaSelect.closest('.assignment-area');
  if (!card) return;
  for (const select of card.querySelectorAll('ul.assignment select')) {
    if ([...select.options].some((o) => o.value === areaSelect.value)) select.value = areaSelect.value;
  }
});
