using EduDuty.Application.Reports.Publication;
using Microsoft.Extensions.DependencyInjection;

namespace EduDuty.Cli.Commands;

/// <summary>
/// <c>verify &lt;file&gt;</c>: the file's SHA-256 looked up in every edition of the configured database, as /public/verify
/// does (<see cref="VerifyReport"/>). Exit 0 when it is an edition the portal keeps (published, replaced, withdrawn or only
/// stored), with which; 1 when it matches none, or the file cannot be read.
/// </summary>
internal static class VerifyCommand
{
    public static async Task<int> RunAsync(string path, CliContext context)
    {
        if (!File.Exists(path))
        {
            await context.Stderr.WriteLineAsync($"找不到文件：{path}。请检查路径后重试。");
            return CliApp.InvalidInput;
        }

        if (await context.RequireDatabaseAsync() is { } usage) return usage;
        await using var services = context.BuildServices();
        await using var scope = services.CreateAsyncScope();
        Application.Outcome<Verification> outcome;
        try
        {
            await using var file = File.OpenRead(path);
            outcome = await scope.ServiceProvider.GetRequiredService<VerifyReport>().FileAsync(file, CancellationToken.None);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // There, but not a file this user may read (permissions, a socket or device, a read error): said, exit 1.
            await context.Stderr.WriteLineAsync($"无法读取文件：{path}（{e.Message}）。请检查该文件的读取权限，或把文件复制到可读的位置后重试。");
            return CliApp.InvalidInput;
        }

        if (!outcome.IsDone) return await CliOutcomes.WriteAsync(outcome, context, $"没有核验 {path}");
        var result = outcome.Value!;
        var output = result.Genuine ? context.Stdout : context.Stderr;
        await output.WriteLineAsync(result.Sentence);
        if (result.Edition is { } edition)
        {
            await output.WriteLineAsync($"  县：{edition.County}（{edition.CountyCode}）  年度：{edition.Year}  版本：{edition.Label}  文件：{result.File}");
            await output.WriteLineAsync($"  状态：{State(result.Verdict)}  公示页面：{edition.PublicPath}");
        }

        await output.WriteLineAsync($"  SHA-256：{result.Sha256}");
        if (result.Signature is { } signature)
        {
            await output.WriteLineAsync($"  数字签名：{(signature.Valid ? "有效" : "无效")}，{(signature.CoversWholeFile ? "覆盖整个文件" : "未覆盖整个文件")}，" +
                                        $"{(signature.PortalCertificate ? "本平台的证书" : "不是本平台的证书")}；签名者：{signature.Signer ?? "（未写明）"}；" +
                                        $"签名时间：{(signature.SignedAtUtc is { } at ? Core.Text.ChinaTime.DateTimeOf(at) : "（未写明）")}；证书 SHA-256：{signature.CertificateSha256}");
        }
        else if (result.UnsignedPdf)
        {
            // Said of any unsigned PDF, matched or not: it names no edition's kind, as the verification page's sentence does not.
            await output.WriteLineAsync("  数字签名：无（提交版不签名；平台配置签名证书后，审核通过版由平台签名）");
        }

        await output.WriteLineAsync(result.Advice);
        return result.Genuine ? CliApp.Ok : CliApp.InvalidInput;
    }

    private static string State(VerificationVerdict verdict) => verdict switch
    {
        VerificationVerdict.Published => "公示中",
        VerificationVerdict.Replaced => "曾公示，已被新版本取代",
        VerificationVerdict.Withdrawn => "曾公示，已撤回",
        _ => "平台保存的版本，未公示",
    };
}
