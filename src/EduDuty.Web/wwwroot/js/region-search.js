// Region fields (list="region-options"): as the user types a code or a name, the shared suggestions are replaced with the
// regions the server finds (at most 30). Without this script the field still takes a code typed in full.
(() => {
  const list = document.getElementById('region-options');
  if (!list) return;
  let timer = 0;
  let last = '';
  document.addEventListener('input', (event) => {
    const field = event.target;
    if (!(field instanceof HTMLInputElement) || field.getAttribute('list') !== 'region-options') return;
    window.clearTimeout(timer);
    timer = window.setTimeout(async () => {
      const term = field.value.trim();
      if (term === last) return;
      last = term;
      const response = await fetch(`${list.dataset.search}&q=${encodeURIComponent(term)}`, { headers: { Accept: 'application/json' } });
      if (!response.ok) return;
      const regions = await response.json();
      list.replaceChildren(...regions.map((r) => {
        const option = document.createElement('option');
        option.value = r.code;
        option.textContent = `${r.name}（${r.level}）`;
        return option;
      }));
    }, 200);
  });
  // A name typed in full that exactly one suggestion bears becomes its code (闻喜县 → 140823); the server reads names the same
  // way (RegionSearch.ResolveAsync) and names the regions when several bear it.
  document.addEventListener('change', (event) => {
    const field = event.target;
    if (!(field instanceof HTMLInputElement) || field.getAttribute('list') !== 'region-options') return;
    const name = field.value.trim();
    if (!name || /^\d{6}$/.test(name)) return;
    const matches = [...list.options].filter((o) => o.textContent.split('（')[0] === name);
    if (matches.length === 1) field.value = matches[0].value;
  });
})();
