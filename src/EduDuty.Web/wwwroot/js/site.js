// Every page: a form with data-confirm="…" asks before it posts (return, approve, reopen, delete). The server checks
// everything again; this only keeps a slip of the mouse from taking a step that cannot be undone by the same person.
document.addEventListener('submit', (event) => {
  const form = event.target;
  const submitter = event.submitter;
  const question = (submitter && submitter.dataset.confirm) || (form instanceof HTMLFormElement && form.dataset.confirm);
  if (question && !window.confirm(question)) event.preventDefault();
}, true);
