using System.Net;
using System.Net.Mail;
using EduDuty.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace EduDuty.Application.Notifications;

/// <summary>The SMTP server the portal sends notification e-mail through; the portal sends none without <see cref="Host"/>.</summary>
public sealed record SmtpSettings(string? Host, int Port, bool EnableSsl, string? UserName, string? Password, string From, string PortalUrl)
{
    public bool Enabled => !string.IsNullOrWhiteSpace(Host);

    public static SmtpSettings Read(IConfiguration configuration)
    {
        var smtp = configuration.GetSection("Notifications:Smtp");
        return new SmtpSettings(smtp["Host"], smtp.GetValue("Port", 25), smtp.GetValue("EnableSsl", false), smtp["UserName"], smtp["Password"],
            smtp["From"] ?? "eduduty@localhost", configuration["Notifications:PortalUrl"] ?? string.Empty);
    }
}

/// <summary>
/// Sends each new portal message by e-mail as well, when an SMTP server is configured and the user has an address: an
/// outbox in the notifications table (<c>EmailedAtUtc</c>), so a failed send is tried again on the next run and a sent one
/// never twice. Only messages of the last two days go out, so an address added later does not bring old news.
/// </summary>
public sealed class NotificationMailer(EduDutyDbContext db, SmtpSettings settings, TimeProvider clock, ILogger<NotificationMailer> logger)
{
    public async Task<int> SendAsync(CancellationToken cancellationToken = default)
    {
        if (!settings.Enabled) return 0;
        var now = clock.GetUtcNow().UtcDateTime;
        var since = now.AddDays(-2);
        var pending = await (from n in db.Notifications
                             join u in db.Users on n.UserId equals u.Id
                             where n.EmailedAtUtc == null && n.CreatedAtUtc >= since && u.Email != null && u.IsActive
                             orderby n.Id
                             select new { n.Id, u.Email, u.DisplayName, n.Text, n.Url }).Take(200).ToListAsync(cancellationToken);
        if (pending.Count == 0) return 0;

        using var client = new SmtpClient(settings.Host!, settings.Port) { EnableSsl = settings.EnableSsl };
        if (!string.IsNullOrEmpty(settings.UserName)) client.Credentials = new NetworkCredential(settings.UserName, settings.Password);
        var sent = 0;
        foreach (var message in pending)
        {
            try
            {
                using var mail = new MailMessage(settings.From, message.Email!)
                {
                    Subject = "【EduDuty 教育履职评价】" + (message.Text.Length > 40 ? message.Text[..40] + "…" : message.Text),
                    Body = $"{message.DisplayName}：\n\n{message.Text}\n\n请登录平台查看：{settings.PortalUrl}{message.Url}\n\n（本邮件由系统自动发送，请勿回复。）",
                    SubjectEncoding = System.Text.Encoding.UTF8,
                    BodyEncoding = System.Text.Encoding.UTF8,
                };
                await client.SendMailAsync(mail, cancellationToken);
                await db.Notifications.Where(n => n.Id == message.Id).ExecuteUpdateAsync(s => s.SetProperty(n => n.EmailedAtUtc, now), cancellationToken);
                sent++;
            }
            catch (Exception ex) when (ex is SmtpException or InvalidOperationException or FormatException)
            {
                // The server refused or is down: the message stays unsent and is tried again next run.
                logger.LogWarning(ex, "Notification {Id} not e-mailed", message.Id);
                break;
            }
        }

        return sent;
    }
}
