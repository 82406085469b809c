// The evidence panel on an area row (decision 0041): with this script a file is attached or a piece replaced in place, the
// panel is redrawn from the page the server answers (its success note, the list with verdicts and earlier versions), and
// each refused file is named in the panel. Without it the panel's links open the evidence page, which comes back to the row.
// The panel lives inside the area's form: its file fields have no name, so they are never posted with the figures, and
// their events stop here so that the area's own scripts do not count them as typed figures.
(() => {
    if (!window.FormData || !window.fetch || !window.DOMParser) return;

    const token = () => {
        const input = document.querySelector('#area-form input[name="__RequestVerificationToken"]');
        return input ? input.value : '';
    };

    const show = panel => {
        panel.querySelectorAll('.evidence-panel-js').forEach(e => { e.hidden = false; });
        panel.querySelectorAll('.evidence-panel-nojs').forEach(e => { e.hidden = true; });
        panel.querySelectorAll('input[type=file]').forEach(input => {
            ['input', 'change'].forEach(type => input.addEventListener(type, e => e.stopPropagation()));
        });
    };

    const say = (panel, lines) => {
        const box = panel.querySelector('.evidence-panel-errors');
        if (!box) return;
        box.replaceChildren();
        if (lines.length === 0) return;
        const alert = document.createElement('div');
        alert.className = 'alert alert-danger py-1 px-2 mb-2';
        const list = document.createElement('ul');
        list.className = 'mb-0 ps-3';
        lines.forEach(text => { const li = document.createElement('li'); li.textContent = text; list.append(li); });
        alert.append(list);
        box.append(alert);
    };

    // The refusals a response names: the evidence page's list, or the error page's paragraph (a refusal made before the page ran).
    const refusals = (html, status) => {
        const page = new DOMParser().parseFromString(html, 'text/html');
        const errors = page.getElementById('evidence-errors');
        if (errors) return Array.from(errors.querySelectorAll('li')).map(li => li.textContent.trim());
        const refusal = page.querySelector('.error-card p');
        return [refusal ? refusal.textContent.trim() : '未保存（' + status + '），请重试。'];
    };

    // Redraws the panel from the area page as the server has it now (after a done upload, the redirect's page, which holds
    // the success note once); keeps it open.
    const redraw = (panel, html) => {
        const page = new DOMParser().parseFromString(html, 'text/html');
        const fresh = page.getElementById(panel.id);
        if (!fresh) return panel;
        fresh.open = true;
        panel.replaceWith(fresh);
        wire(fresh);
        return fresh;
    };

    const send = async (panel, url, data, button) => {
        const progress = panel.querySelector('.evidence-panel-progress');
        button.disabled = true;
        if (progress) progress.textContent = '正在上传…';
        data.append('__RequestVerificationToken', token());
        try {
            const response = await fetch(url, { method: 'POST', body: data, credentials: 'same-origin' });
            const html = await response.text();
            const done = response.ok && response.url.indexOf('/Evidence') < 0;
            if (done) {
                const fresh = redraw(panel, html);
                const note = fresh.querySelector('.evidence-panel-saved');
                if (note) note.focus();
                return;
            }
            // Refused, wholly or partly: the list is redrawn (the files that went up are in it) and each refused file named.
            const lines = refusals(html, response.status);
            const current = await fetch(panel.dataset.rowUrl.split('#')[0], { credentials: 'same-origin' });
            const fresh = current.ok ? redraw(panel, await current.text()) : panel;
            say(fresh, lines);
        } catch {
            say(panel, ['网络中断，未上传，请重试。']);
        } finally {
            button.disabled = false;
            if (progress) progress.textContent = '';
        }
    };

    const wire = panel => {
        show(panel);
        const attach = panel.querySelector('.evidence-panel-upload');
        if (attach) {
            attach.addEventListener('click', () => {
                const input = panel.querySelector('.evidence-panel-attach input[type=file]');
                if (!input.files || input.files.length === 0) { say(panel, ['请先选择要上传的文件。']); input.focus(); return; }
                const data = new FormData();
                Array.from(input.files).forEach(file => data.append('files', file, file.name));
                send(panel, panel.dataset.uploadUrl, data, attach);
            });
        }
        panel.querySelectorAll('.evidence-panel-replace').forEach(row => {
            const button = row.querySelector('.evidence-panel-replace-button');
            const input = row.querySelector('input[type=file]');
            if (!button || !input) return;
            button.addEventListener('click', () => {
                if (!input.files || input.files.length === 0) { say(panel, ['请先选择用来替换的新文件。']); input.focus(); return; }
                const data = new FormData();
                data.append('file', row.dataset.file);
                data.append('version', row.dataset.version);
                data.append('replacement', input.files[0], input.files[0].name);
                send(panel, panel.dataset.replaceUrl, data, button);
            });
        });
    };

    const start = () => document.querySelectorAll('details.evidence-panel').forEach(wire);
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start); else start();
})();
