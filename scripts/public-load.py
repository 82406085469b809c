#!/usr/bin/env python3
"""Load check of the public report page (issue 25): 16 anonymous clients against /public/{code}/{year}/report vs /healthz.

Starts the portal (Release, Development for the demo accounts) on a throwaway SQLite database, signs in as xiaxian.lead
(夏县's demo figures are complete), submits and publishes the report, then runs wrk (-t1 -c16, --latency, 5 s warm-up,
then the measured run) against /healthz and the public report page, alternately, ROUNDS times each; the server is pinned to
core 0 and wrk to core 1 when taskset is there. Prints each run and the medians; the goal is the public page at no less than
half /healthz's requests per second. The public rate limit is raised for the run (it would otherwise answer 429 at once).
--no-server-cache turns the rendered-page cache off (Public:ServerCacheSeconds=0) to measure the page rendered every time.
Standard library and wrk only.
Usage: scripts/public-load.py [--seconds 15] [--rounds 3] [--no-server-cache] [--postgres <connection string>]
"""
import http.cookiejar, os, re, shutil, statistics, subprocess, sys, tempfile, time, urllib.parse, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PORT = int(os.environ.get("EDUDUTY_LOAD_PORT", "5143"))
BASE = f"http://127.0.0.1:{PORT}"


def arg(name, default):
    return sys.argv[sys.argv.index(name) + 1] if name in sys.argv else default


def pinned(core, command):
    return (["taskset", "-c", str(core)] + command) if shutil.which("taskset") else command


def wrk(url, seconds):
    out = subprocess.run(pinned(1, ["wrk", "-t1", "-c16", f"-d{seconds}s", "--latency", url]), capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = re.search(r"50%\s+([\d.]+\w+)", out).group(1)
    p99 = re.search(r"99%\s+([\d.]+\w+)", out).group(1)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return rps, p50, p99, int(errors.group(1)) if errors else 0


def main():
    seconds, rounds = int(arg("--seconds", "15")), int(arg("--rounds", "3"))
    work = tempfile.mkdtemp(prefix="eduduty-load-")
    env = dict(os.environ, ASPNETCORE_ENVIRONMENT="Development", DOTNET_gcServer="0",
               ConnectionStrings__EduDuty=f"Data Source={work}/eduduty.db",
               Public__RateLimit__PagesPerMinute="100000000", Public__BaseUrl=BASE,
               Logging__LogLevel__Default="Warning")
    if "--postgres" in sys.argv:
        env.update(Database__Provider="Postgres", ConnectionStrings__EduDuty=arg("--postgres", ""))
    if "--no-server-cache" in sys.argv:
        env.update(Public__ServerCacheSeconds="0")
    subprocess.run(["dotnet", "build", "src/EduDuty.Web", "-c", "Release", "-v", "q", "-nologo"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    server = subprocess.Popen(pinned(0, ["dotnet", os.path.join(ROOT, "src/EduDuty.Web/bin/Release/net10.0/EduDuty.Web.dll"), "--urls", BASE]),
                              cwd=os.path.join(ROOT, "src/EduDuty.Web"), env=env, stdout=open(os.path.join(work, "server.log"), "w"), stderr=subprocess.STDOUT)
    try:
        jar = http.cookiejar.CookieJar()
        web = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        for _ in range(600):
            try:
                web.open(f"{BASE}/Account/Login").read()
                break
            except OSError:
                time.sleep(0.5)
        token = lambda html: re.search(r'name="__RequestVerificationToken" type="hidden" value="([^"]+)"', html).group(1)
        post = lambda url, page, fields: web.open(url, data=urllib.parse.urlencode(dict(fields, __RequestVerificationToken=token(page))).encode()).read().decode()
        login = web.open(f"{BASE}/Account/Login").read().decode()
        post(f"{BASE}/Account/Login", login, {"Input.UserName": "xiaxian.lead", "Input.Password": "Demo-Password-2021"})
        home = web.open(f"{BASE}/").read().decode()
        evaluation = re.search(r'href="/Evaluations/(\d+)"', home).group(1)
        overview = web.open(f"{BASE}/Evaluations/{evaluation}").read().decode()
        post(f"{BASE}/Evaluations/{evaluation}?handler=Submit", overview, {"Confirmed": "true"})
        confirm = web.open(f"{BASE}/Evaluations/{evaluation}/Report/Publication").read().decode()
        post(f"{BASE}/Evaluations/{evaluation}/Report/Publication?handler=Publish", confirm, {"Confirmed": "true"})
        report = f"{BASE}/public/140828/2021/report"
        with urllib.request.urlopen(report) as response:
            size = len(response.read())
            if response.status != 200 or response.headers.get("Set-Cookie"):
                sys.exit(f"the public page answered {response.status} (Set-Cookie: {response.headers.get('Set-Cookie')})")
        cache = "off" if "--no-server-cache" in sys.argv else "on"
        print(f"public report page: {size:,} bytes; server cache {cache}; {seconds} s per run after a 5 s warm-up, {rounds} rounds; "
              f"load average before: {os.getloadavg()[0]:.2f}")

        results = {"/healthz": [], "/public/140828/2021/report": []}
        for url in results:
            wrk(BASE + url, 5)
        for _ in range(rounds):
            for url in results:
                rps, p50, p99, errors = wrk(BASE + url, seconds)
                results[url].append(rps)
                print(f"  {url:30} {rps:9,.0f} req/s  p50 {p50:>8}  p99 {p99:>8}  non-2xx {errors}")
        health, page = statistics.median(results["/healthz"]), statistics.median(results["/public/140828/2021/report"])
        print(f"median: /healthz {health:,.0f} req/s, public report page {page:,.0f} req/s = {page / health:.0%} of /healthz "
              f"(goal ≥ 50%: {'met' if page >= health / 2 else 'NOT met'}); load average after: {os.getloadavg()[0]:.2f}")
    finally:
        server.terminate()
        server.wait()
        if "--keep" in sys.argv: print("server log:", os.path.join(work, "server.log"))
        else: shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
