// 佐证材料: with this script each chosen file is uploaded on its own, with a progress bar, and the page reloads with the
// result when all are done. Without it the form posts every file at once and the server answers the same way.
(() => {
    const form = document.getElementById('upload-form');
    if (!form || !window.FormData || !window.XMLHttpRequest) return;
    // Coming from an area row's panel: the form posts as a whole and the server goes back to the row with its note.
    if (form.querySelector('input[name="ReturnUrl"]')) return;
    const input = document.getElementById('files');
    const list = document.getElementById('upload-progress');
    const button = document.getElementById('upload-button');

    const uploadOne = (file, row) => new Promise(resolve => {
        const data = new FormData(form);
        data.delete('files');
        data.append('files', file, file.name);
        const request = new XMLHttpRequest();
        const bar = row.querySelector('progress');
        const status = row.querySelector('.upload-status');
        request.upload.addEventListener('progress', e => { if (e.lengthComputable) bar.value = e.loaded / e.total; });
        request.addEventListener('load', () => {
            const ok = request.status >= 200 && request.status < 400 && request.responseURL.indexOf('handler=Upload') < 0;
            bar.value = 1;
            if (ok) { status.textContent = '已上传'; resolve(true); return; }
            const page = new DOMParser().parseFromString(request.responseText, 'text/html');
            // The evidence page lists its refusals; a refusal made before the page ran (a title with control characters, 422)
            // is the error page, whose paragraph names the field.
            const errors = page.getElementById('evidence-errors');
            const refusal = page.querySelector('.error-card p');
            status.textContent = errors ? errors.querySelector('li').textContent
                : refusal ? refusal.textContent : '未上传（' + request.status + '），请重试。';
            status.classList.add('text-danger');
            resolve(false);
        });
        request.addEventListener('error', () => { status.textContent = '网络中断，未上传，请重试。'; status.classList.add('text-danger'); resolve(false); });
        request.open('POST', form.action);
        request.send(data);
    });

    form.addEventListener('submit', async event => {
        if (!input.files || input.files.length === 0) return; // the server says what is missing
        event.preventDefault();
        button.disabled = true;
        list.replaceChildren();
        let failed = 0;
        for (const file of Array.from(input.files)) {
            const row = document.createElement('li');
            row.className = 'mb-1';
            const label = document.createElement('span');
            label.textContent = file.name + ' ';
            const bar = document.createElement('progress');
            bar.max = 1; bar.value = 0;
            bar.setAttribute('aria-label', file.name + ' 上传进度');
            const status = document.createElement('span');
            status.className = 'upload-status ms-2';
            row.append(label, bar, status);
            list.append(row);
            if (!await uploadOne(file, row)) failed++;
        }
        button.disabled = false;
        if (failed === 0) { window.location.reload(); return; }
        // The page stays so that the refusals can be read; the list and the counts are redrawn from the page as stored now, so
        // the files that did go up are in it.
        const saved = input.files.length - failed;
        if (saved > 0) {
            const note = document.createElement('li');
            note.id = 'upload-partial';
            note.className = 'mt-2';
            note.textContent = '其余 ' + saved + ' 个文件已上传，已列入下方列表。';
            list.append(note);
            try {
                const response = await fetch(window.location.pathname + window.location.search, { credentials: 'same-origin' });
                const page = new DOMParser().parseFromString(await response.text(), 'text/html');
                ['evidence-lists', 'evidence-pieces'].forEach(id => {
                    const fresh = page.getElementById(id);
                    const current = document.getElementById(id);
                    if (fresh && current) current.replaceWith(fresh);
                });
            } catch {
                note.textContent = '其余 ' + saved + ' 个文件已上传；刷新页面后即可在下方列表中看到。';
            }
        }
    });
})();
