// Every page: a form with data-confirm="…" asks before it posts (return, approve, reopen, delete). The server checks
// everything again; this only keeps a slip of the mouse from taking a step that cannot be undone by the same person.
document.addEventListener('submit', (event) => {
  const form = event.target;
  const submitter = event.submitter;
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
}, true);
