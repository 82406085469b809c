#!/usr/bin/env python3
"""EduDuty API example client (standard library only; see docs/api.md).

Two tasks a provincial platform or a county's own system does:

  summaries  download every county's summary of a region for a year (NDJSON, one county a line, or CSV)
  upload     put one county's figures (a JSON object {"A10.02": "12000", ...}) into its evaluation of a year

The token comes from the environment (EDUDUTY_TOKEN), never from the command line, where other users of the machine could
read it. Exit codes: 0 done, 1 refused by the portal (its Chinese message is printed), 2 bad usage, 3 changed meanwhile (412:
read again and retry).
"""
import argparse
import json
import os
import sys
import urllib.error
import urllib.parse
import urllib.request

API = "/api/v1"


class Refused(Exception):
    """A problem+json answer: status, catalogue code, the Chinese title and the field errors."""

    def __init__(self, status, problem):
        self.status = status
        self.problem = problem
        errors = "; ".join(f"{e.get('field') or '-'}: {e.get('message')}" for e in problem.get("errors") or [])
        super().__init__(f"{status} {problem.get('code', '')} {problem.get('title', '')}" + (f" ({errors})" if errors else ""))


class Client:
    def __init__(self, base, token, timeout=60):
        self.base = base.rstrip("/")
        self.token = token
        self.timeout = timeout

    def request(self, method, path, body=None, headers=None, accept="application/json"):
        data = None if body is None else json.dumps(body, ensure_ascii=False).encode("utf-8")
        request = urllib.request.Request(self.base + API + path, data=data, method=method)
        request.add_header("Authorization", "Bearer " + self.token)
        request.add_header("Accept", accept)
        if data is not None:
            request.add_header("Content-Type", "application/json; charset=utf-8")
        for name, value in (headers or {}).items():
            request.add_header(name, value)
        try:
            return urllib.request.urlopen(request, timeout=self.timeout)
        except urllib.error.HTTPError as error:
            raw = error.read()
            try:
                problem = json.loads(raw.decode("utf-8"))
            except ValueError:
                problem = {"title": raw.decode("utf-8", "replace")[:200]}
            raise Refused(error.code, problem) from None

    def json(self, method, path, body=None, headers=None):
        with self.request(method, path, body, headers) as response:
            return json.load(response), response.headers

    def summaries(self, region, year, out, fmt="ndjson"):
        """Streams the region's summaries into out (a binary file) as they come; returns the number of lines written."""
        query = urllib.parse.urlencode({"format": fmt})
        lines = 0
        with self.request("GET", f"/regions/{urllib.parse.quote(region)}/summaries/{int(year)}?{query}", accept="*/*") as response:
            for line in response:  # one county a line: never the whole province in memory
                out.write(line)
                lines += 1
        return lines

    def evaluation_of(self, county, year):
        page, _ = self.json("GET", "/evaluations?" + urllib.parse.urlencode({"year": int(year), "region": county, "pageSize": 200}))
        found = [e for e in page["items"] if e["countyCode"] == county]
        if not found:
            raise Refused(404, {"code": "not-found", "title": f"没有找到 {county} 在 {year} 年的评价，请核对县级代码和年度"})
        return found[0]["id"]

    def upload(self, county, year, values):
        """Puts the given values (code -> string or None) with the versions just read; returns the portal's answer."""
        evaluation = self.evaluation_of(county, year)
        figures, headers = self.json("GET", f"/evaluations/{evaluation}/figures")
        versions = {f["code"]: f["version"] for f in figures["fields"]}
        unknown = [code for code in values if code not in versions]
        if unknown:
            raise Refused(422, {"code": "unknown-codes", "title": "这些指标代码不在本方案中：" + "、".join(unknown)})
        changes = [{"code": code, "value": value, "version": versions[code]} for code, value in values.items()]
        saved, _ = self.json("PUT", f"/evaluations/{evaluation}/figures", {"fields": changes}, {"If-Match": headers["ETag"]})
        return saved


def main(argv=None):
    parser = argparse.ArgumentParser(description="EduDuty API example client")
    parser.add_argument("--base", default=os.environ.get("EDUDUTY_URL", "http://127.0.0.1:5000"), help="the portal's address")
    commands = parser.add_subparsers(dest="command", required=True)
    summaries = commands.add_parser("summaries", help="a region's county summaries for a year")
    summaries.add_argument("region")
    summaries.add_argument("year", type=int)
    summaries.add_argument("--format", choices=["ndjson", "csv"], default="ndjson")
    summaries.add_argument("--out", help="file to write (default: standard output)")
    upload = commands.add_parser("upload", help="one county's figures from a JSON file")
    upload.add_argument("county")
    upload.add_argument("year", type=int)
    upload.add_argument("file", help='a JSON object such as {"A10.02": "12000"}')
    args = parser.parse_args(argv)

    token = os.environ.get("EDUDUTY_TOKEN")
    if not token:
        print("请在环境变量 EDUDUTY_TOKEN 中提供访问令牌（在“个人信息 → 访问令牌”中创建）。", file=sys.stderr)
        return 2
    client = Client(args.base, token)
    try:
        if args.command == "summaries":
            if args.out:
                try:
                    with open(args.out, "wb") as out:
                        count = client.summaries(args.region, args.year, out, args.format)
                except BaseException:
                    os.remove(args.out)  # a refused or broken download leaves no file that looks like data
                    raise
            else:
                count = client.summaries(args.region, args.year, sys.stdout.buffer, args.format)
            print(f"已下载 {count} 行。", file=sys.stderr)
        else:
            with open(args.file, encoding="utf-8") as source:
                values = json.load(source)
            if not isinstance(values, dict):
                print("文件须为一个 JSON 对象：指标代码 → 值。", file=sys.stderr)
                return 2
            not_text = [code for code, value in values.items() if value is not None and not isinstance(value, str)]
            if not_text:
                print("值须写成带双引号的字符串，例如 {\"A10.02\": \"12000\"}（清空写 null）。请修改：" + "、".join(not_text), file=sys.stderr)
                return 2
            saved = client.upload(args.county, args.year, values)
            print(f"已保存 {saved['saved']} 项。", file=sys.stderr)
            for warning in saved.get("warnings", []):
                print(f"数据提示 {warning['field']}：{warning['text']}", file=sys.stderr)
            json.dump(saved, sys.stdout, ensure_ascii=False, indent=2)
            print()
    except Refused as refused:
        print(f"未完成：{refused}", file=sys.stderr)
        return 3 if refused.status == 412 else 1
    except (OSError, ValueError) as error:
        print(f"未完成：{error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
