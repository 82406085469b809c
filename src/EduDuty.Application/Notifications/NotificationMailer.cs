using System.Net.Sockets;
using EduDuty.Data;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using MimeKit;
using MimeKit.Utils;

namespace EduDuty.Application.Notifications;

/// <summary>How the connection to the SMTP server is secured (<c>Notifications:Smtp:Security</c>).</summary>
public enum MailSecurity
{
    /// <summary>
    /// Implicit TLS on port 465; on any other port STARTTLS when the server offers it, else plain — but never plain with a
    /// password: with <see cref="SmtpSettings.UserName"/> set, STARTTLS is required (a man in the middle who strips it from
    /// the server's answer must not get the password).
    /// </summary>
    Auto,

    /// <summary>Implicit TLS: TLS from the first byte (port 465, which many government mail servers require).</summary>
    SslOnConnect,

    /// <summary>STARTTLS, required: a server that does not offer it is not used.</summary>
    StartTls,

    /// <summary>Plain SMTP (a relay on the same host or network only).</summary>
    None,
}

/// <summary>The SMTP server the portal sends notification e-mail through; the portal sends none without <see cref="Host"/>.</summary>
/// <param name="From">The sender, an address or a name with one: <c>教育履职评价 &lt;eduduty@example.gov.cn&gt;</c>.</param>
public sealed record SmtpSettings(string? Host, int Port, MailSecurity Security, string? UserName, string? Password, string From, string PortalUrl)
{
    public bool Enabled => !string.IsNullOrWhiteSpace(Host);

    // The password must stay out of logs and exception messages (a record would print every member).
    public override string ToString() => $"{Host}:{Port} ({Security}{(string.IsNullOrEmpty(UserName) ? "" : ", as " + UserName)})";

    /// <summary>MailKit's way to connect for <see cref="Security"/> and <see cref="Port"/>.</summary>
    public SecureSocketOptions SocketOptions => Security switch
    {
        MailSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        MailSecurity.StartTls => SecureSocketOptions.StartTls,
        MailSecurity.None => SecureSocketOptions.None,
        _ when Port == 465 => SecureSocketOptions.SslOnConnect,
        _ => string.IsNullOrEmpty(UserName) ? SecureSocketOptions.StartTlsWhenAvailable : SecureSocketOptions.StartTls,
    };

    public static SmtpSettings Read(IConfiguration configuration)
    {
        var smtp = configuration.GetSection("Notifications:Smtp");
        return new SmtpSettings(smtp["Host"], smtp.GetValue("Port", 25), SecurityOf(smtp), smtp["UserName"], smtp["Password"],
            smtp["From"] ?? "eduduty@localhost", configuration["Notifications:PortalUrl"] ?? string.Empty);
    }

    // Security when set; otherwise EnableSsl=true (the setting before MailKit, which meant STARTTLS) is StartTls, and Auto.
    private static MailSecurity SecurityOf(IConfigurationSection smtp)
    {
        var text = smtp["Security"];
        if (string.IsNullOrWhiteSpace(text)) return smtp.GetValue("EnableSsl", false) ? MailSecurity.StartTls : MailSecurity.Auto;
        if (Enum.TryParse<MailSecurity>(text, ignoreCase: true, out var security) && Enum.IsDefined(security) && !int.TryParse(text, out _)) return security;
        throw new InvalidOperationException($"配置项 Notifications:Smtp:Security 的值 “{text}” 无效：请设为 Auto、SslOnConnect、StartTls 或 None。");
    }
}

/// <summary>
/// Sends each new portal message by e-mail as well, when an SMTP server is configured and the user has an address: an
/// outbox in the notifications table (<c>EmailedAtUtc</c>), so a failed send is tried again on the next run and a sent one
/// never twice. Only messages of the last two days go out, so an address added later does not bring old news. MailKit
/// speaks SMTP (implicit TLS or STARTTLS, <see cref="SmtpSettings.SocketOptions"/>); MimeKit encodes the Chinese subject
/// and names (RFC 2047) and the body (UTF-8, base64).
/// </summary>
public sealed class NotificationMailer(EduDutyDbContext db, SmtpSettings settings, TimeProvider clock, ILogger<NotificationMailer> logger)
{
    public async Task<int> SendAsync(CancellationToken cancellationToken = default)
    {
        if (!settings.Enabled) return 0;
        if (!MailboxAddress.TryParse(settings.From, out var from))
        {
            logger.LogWarning("Notifications:Smtp:From is not an e-mail address ({From}); no notification is e-mailed", settings.From);
            return 0;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var since = now.AddDays(-2);
        var pending = await (from n in db.Notifications
                             join u in db.Users on n.UserId equals u.Id
                             where n.EmailedAtUtc == null && n.CreatedAtUtc >= since && u.Email != null && u.IsActive
                             orderby n.Id
                             select new { n.Id, u.Email, u.DisplayName, n.Text, n.Url }).Take(200).ToListAsync(cancellationToken);
        if (pending.Count == 0) return 0;

        using var client = new SmtpClient();
        var sent = 0;
        long? current = null;
        try
        {
            await client.ConnectAsync(settings.Host!, settings.Port, settings.SocketOptions, cancellationToken);
            if (!string.IsNullOrEmpty(settings.UserName)) await client.AuthenticateAsync(settings.UserName, settings.Password ?? string.Empty, cancellationToken);
            foreach (var message in pending)
            {
                current = message.Id;
                try
                {
                    using var mail = Compose(from, new MailboxAddress(message.DisplayName, message.Email!), message.Text, message.Url);
                    await client.SendAsync(mail, cancellationToken);
                }
                catch (Exception ex) when (ex is FormatException or SmtpCommandException { ErrorCode: SmtpErrorCode.RecipientNotAccepted })
                {
                    // One user's address is refused (by the server, or it is not one MimeKit can write): that message stays
                    // unsent and is tried again next run, and the messages after it still go. Users set their own address
                    // (个人信息), so one of them must never stop everyone else's mail.
                    logger.LogWarning(ex, "Notification {Id} not e-mailed: the recipient's address was refused", message.Id);
                    continue;
                }

                await db.Notifications.TagWith(Caching.CacheChangeInterceptor.PublishedTag).Where(n => n.Id == message.Id).ExecuteUpdateAsync(s => s.SetProperty(n => n.EmailedAtUtc, now), cancellationToken);
                sent++;
            }

            current = null;
            await client.DisconnectAsync(quit: true, cancellationToken);
        }
        catch (Exception ex) when (ex is SmtpCommandException or SmtpProtocolException or AuthenticationException or SslHandshakeException
                                       or ServiceNotConnectedException or ServiceNotAuthenticatedException or IOException or SocketException
                                       or FormatException or InvalidOperationException or NotSupportedException)
        {
            // The server refused, is down or speaks no TLS (NotSupportedException: no STARTTLS where it is required, no AUTH),
            // or an address is not one: what is unsent stays unsent and is tried again next run.
            logger.LogWarning(ex, "Notification {Id} not e-mailed ({Sent} of {Pending} sent in this run)", current, sent, pending.Count);
        }

        return sent;
    }

    private MimeMessage Compose(MailboxAddress from, MailboxAddress to, string text, string url)
    {
        var mail = new MimeMessage
        {
            Subject = "【EduDuty 教育履职评价】" + (text.Length > 40 ? text[..40] + "…" : text),
            Date = clock.GetUtcNow(),
            MessageId = MimeUtils.GenerateMessageId(from.Domain),
            Body = new TextPart(MimeKit.Text.TextFormat.Plain)
            {
                Text = $"{to.Name}：\n\n{text}\n\n请登录平台查看：{settings.PortalUrl}{url}\n\n（本邮件由系统自动发送，请勿回复。）",
                ContentTransferEncoding = ContentEncoding.Base64, // Chinese text: base64 is shorter than quoted-printable
            },
        };
        mail.From.Add(from);
        mail.To.Add(to);
        return mail;
    }
}
