#!/usr/bin/env python3
"""Measures the portal's memory while a 50 MB evidence file goes in and out (issue 13).

Starts the portal (Release, Development for the demo accounts) on a throwaway SQLite database, signs in as
wenxi.official, uploads a 50 MB PDF, downloads it and the evaluation's ZIP, and samples the server's resident memory
(RSS) every 50 ms. Prints the baseline, the peak during each step and the files' round trip. Standard library only.
Usage: scripts/evidence-memory.py [--postgres <connection string>]
"""
import http.cookiejar, os, re, shutil, subprocess, sys, tempfile, threading, time, urllib.request, uuid

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PORT = 5093
BASE = f"http://localhost:{PORT}"
MB = 1 << 20


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


class Sampler(threading.Thread):
    def __init__(self, pid):
        super().__init__(daemon=True)
        self.pid, self.peak, self.running = pid, 0.0, True

    def run(self):
        while self.running:
            self.peak = max(self.peak, rss_mb(self.pid))
            time.sleep(0.05)


def main():
    work = tempfile.mkdtemp(prefix="eduduty-mem-")
    env = dict(os.environ, ASPNETCORE_ENVIRONMENT="Development", DOTNET_gcServer="0",
               ConnectionStrings__EduDuty=f"Data Source={work}/eduduty.db")
    if "--postgres" in sys.argv:
        env.update(Database__Provider="Postgres", ConnectionStrings__EduDuty=sys.argv[sys.argv.index("--postgres") + 1])
    subprocess.run(["dotnet", "build", "src/EduDuty.Web", "-c", "Release", "-v", "q", "-nologo"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    server = subprocess.Popen(["dotnet", os.path.join(ROOT, "src/EduDuty.Web/bin/Release/net10.0/EduDuty.Web.dll"), "--urls", BASE],
                              cwd=os.path.join(ROOT, "src/EduDuty.Web"), env=env, stdout=open(os.path.join(work, "server.log"), "w"), stderr=subprocess.STDOUT)
    try:
        jar = http.cookiejar.CookieJar()
        web = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        for _ in range(240):
            try:
                web.open(f"{BASE}/Account/Login").read()
                break
            except OSError:
                time.sleep(0.5)
        token = lambda html: re.search(r'name="__RequestVerificationToken" type="hidden" value="([^"]+)"', html).group(1)
        login = web.open(f"{BASE}/Account/Login").read().decode()
        form = urllib.parse.urlencode({"Input.UserName": "wenxi.official", "Input.Password": "Demo-Password-2021", "__RequestVerificationToken": token(login)})
        web.open(f"{BASE}/Account/Login", data=form.encode()).read()
        home = web.open(f"{BASE}/").read().decode()
        evaluation = re.search(r'href="/Evaluations/(\d+)"', home).group(1)
        page = f"{BASE}/Evaluations/{evaluation}/Evidence"

        # A 50 MB "PDF": the header and one stream of random bytes (nothing compresses it), written to disk, sent from disk.
        body_path = os.path.join(work, "body")
        boundary = uuid.uuid4().hex
        with open(body_path, "wb") as body:
            fields = {"__RequestVerificationToken": token(web.open(page).read().decode()), "Field": "A07.07"}
            for name, value in fields.items():
                body.write(f"--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n".encode())
            body.write(f"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"big.pdf\"\r\nContent-Type: application/pdf\r\n\r\n".encode())
            # Random bytes as a PDF holds them, in a stream (outside one, a chance "/JS" would read as a script: decision 0027).
            head, tail = b"%PDF-1.7\n1 0 obj << /Length 0 >> stream\n", b"\nendstream endobj\n%%EOF\n"
            body.write(head)
            body.write(os.urandom(50 * MB - len(head) - len(tail)))
            body.write(tail)
            body.write(f"\r\n--{boundary}--\r\n".encode())

        time.sleep(2)
        baseline = rss_mb(server.pid)
        results = {}
        for step in ("upload", "download", "zip"):
            sampler = Sampler(server.pid)
            sampler.start()
            started = time.time()
            if step == "upload":
                with open(body_path, "rb") as data:
                    request = urllib.request.Request(f"{page}?handler=Upload", data=data, method="POST",
                                                     headers={"Content-Type": f"multipart/form-data; boundary={boundary}", "Content-Length": str(os.path.getsize(body_path))})
                    response = web.open(request)
                    status, answer = response.status, response.read().decode()
                found = re.search(r'[?;]file=(\d+)&amp;handler=Download', web.open(page).read().decode())
                if found is None:
                    sys.exit("upload did not store the file: " + re.sub(r"<[^>]+>", " ", answer)[:2000])
                file_id = found.group(1)
            else:
                url = f"{page}?handler=Download&file={file_id}" if step == "download" else f"{page}?handler=Zip"
                size = 0
                with web.open(url) as response:
                    status = response.status
                    while chunk := response.read(MB):
                        size += len(chunk)
            sampler.running = False
            sampler.join()
            results[step] = (status, time.time() - started, sampler.peak)
            if step != "upload":
                results[step] += (size,)

        print(f"baseline RSS {baseline:.0f} MB (portal started, signed in)")
        for step, values in results.items():
            extra = f", {values[3] / MB:.1f} MB received" if len(values) > 3 else ""
            print(f"{step:8} HTTP {values[0]}  {values[1]:.1f} s  peak RSS {values[2]:.0f} MB (+{values[2] - baseline:.0f} MB){extra}")
    finally:
        server.terminate()
        server.wait()
        if "--keep" in sys.argv: print("server log:", os.path.join(work, "server.log"))
        else: shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
