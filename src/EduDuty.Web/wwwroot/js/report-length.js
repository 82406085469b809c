// Report page: the body's count (正文 N 字 / 上限 M 字) follows what is typed into this page's texts before they are saved.
// The server counted the report as stored (Core's ReportLength, decision 0032); this adds what changed in the fields marked
// data-counted, counted by the same character rule: every character but whitespace and invisible control or format
// characters. An item ticked for deletion counts nothing. Without this script the server's count still shows.
(() => {
  const box = document.getElementById('report-length');
  const form = document.getElementById('report-form');
  if (!box || !form) return;

  const stored = Number(box.dataset.count);
  const limit = box.dataset.limit ? Number(box.dataset.limit) : null;
  const uncounted = /[\s\p{Cc}\p{Cf}]/u;
  const count = (text) => {
    let n = 0;
    for (const ch of text) if (!uncounted.test(ch)) n++;
    return n;
  };
  const format = (n) => n.toLocaleString('en-US');

  // What a field adds to the body: its text, unless its item is ticked "保存时删除此项".
  const deleted = (field, initial) => {
    const box = field.closest('fieldset')?.querySelector('input[type=checkbox][name$=".Delete"]');
    return box ? (initial ? box.defaultChecked : box.checked) : false;
  };
  const total = (initial) => {
    let n = 0;
    for (const field of form.querySelectorAll('[data-counted]')) {
      if (!deleted(field, initial)) n += count(initial ? field.defaultValue : field.value);
    }
    return n;
  };
  const baseline = total(true);

  const update = () => {
    const now = stored - baseline + total(false);
    for (const slot of document.querySelectorAll('.length-count')) slot.textContent = format(now);
    const unsaved = box.querySelector('.length-unsaved');
    if (unsaved) unsaved.hidden = now === stored;
    const over = document.getElementById('report-over-length');
    if (over && limit !== null) {
      over.hidden = now <= limit;
      const excess = over.querySelector('.length-excess');
      if (excess) excess.textContent = format(Math.max(0, now - limit));
    }
    const bar = document.getElementById('save-bar-length');
    if (bar) {
      bar.classList.toggle('text-danger-emphasis', limit !== null && now > limit);
      bar.classList.toggle('fw-semibold', limit !== null && now > limit);
    }
  };

  form.addEventListener('input', update);
  form.addEventListener('change', update);
})();
