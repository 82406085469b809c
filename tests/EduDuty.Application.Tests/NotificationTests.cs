using System.Net;
using System.Net.Sockets;
using System.Text;
using EduDuty.Application.Evaluations;
using EduDuty.Application.Evaluations.Comments;
using EduDuty.Application.Evaluations.Review;
using EduDuty.Application.Notifications;
using EduDuty.Core.Review;
using EduDuty.Core.Security;
using EduDuty.Data;
using EduDuty.Data.Entities;
using MailKit.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace EduDuty.Application.Tests;

/// <summary>
/// Who is told what in the portal inbox: the county on a return, an approval or a reopening; the county's supervisors on a
/// submission; the other side on a comment or a reply; the county users 7 days and 1 day before the deadline, once each.
/// Each test starts from its own database (they count messages).
/// </summary>
public abstract class NotificationTests<THost> : IAsyncLifetime
    where THost : ApplicationHost, new()
{
    private readonly THost _host = new();

    public Task InitializeAsync() => _host.InitializeAsync();

    public Task DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task A_return_tells_the_countys_users_with_the_reason_and_nobody_else()
    {
        var (id, _) = await EvaluationAsync("140823");
        await SetStatusAsync(id, EvaluationStatus.Submitted);
        var supervisor = await ActorAsync("yuncheng.supervisor", Roles.Supervisor);

        var outcome = await _host.WithScopeAsync(async s => await s.GetRequiredService<ReviewTransitions>()
            .ReturnAsync((await LoadAsync(s, id, supervisor))!, supervisor, [new ReturnReason("A07.07", "民办在校生占比请核实")], default));

        Assert.True(outcome.IsDone, outcome.Refusal);
        var messages = await MessagesAsync();
        Assert.Equal(["wenxi.lead", "wenxi.official"], messages.Select(m => m.User).Order());
        Assert.All(messages, m =>
        {
            Assert.Equal(NotificationKind.Returned, m.Kind);
            Assert.Equal("闻喜县 2021年度评价已被运城市督导员退回修改：民办在校生占比请核实", m.Text);
            Assert.Equal($"/Evaluations/{id}", m.Url);
        });
    }

    [Fact]
    public async Task A_supervisors_comment_goes_to_the_county_and_the_countys_reply_to_its_supervisors_only()
    {
        var (id, _) = await EvaluationAsync("140823");
        var supervisor = await ActorAsync("yuncheng.supervisor", Roles.Supervisor);
        var official = await ActorAsync("wenxi.official", Roles.CountyOfficial);

        await _host.WithScopeAsync(async s => await s.GetRequiredService<OpenThread>().HandleAsync((await LoadAsync(s, id, supervisor))!, supervisor, "A10.03", "请说明口径", default));
        var toCounty = await MessagesAsync();
        var threadId = await _host.WithScopeAsync(s => s.GetRequiredService<EduDutyDbContext>().ReviewComments.Select(c => c.Id).SingleAsync());
        await _host.WithScopeAsync(async s => await s.GetRequiredService<ReplyToThread>().HandleAsync((await LoadAsync(s, id, official))!, official, threadId, "按出生登记", default));
        var toSupervisors = (await MessagesAsync()).Except(toCounty).ToList();

        Assert.Equal(["wenxi.lead", "wenxi.official"], toCounty.Select(m => m.User).Order());
        Assert.Equal("闻喜县 2021年度：运城市督导员对“学前三年毛入园率”发表了意见：请说明口径", toCounty[0].Text);
        // 晋城市's supervisor does not cover 闻喜县; 运城市's does.
        Assert.Equal(["yuncheng.supervisor"], toSupervisors.Select(m => m.User));
        Assert.Equal("闻喜县 2021年度：闻喜县填报员对“学前三年毛入园率”回复了意见：按出生登记", toSupervisors[0].Text);
        Assert.All(toSupervisors, m => Assert.Equal($"/Evaluations/{id}/Comments", m.Url));
    }

    [Fact]
    public async Task Deadline_reminders_go_out_seven_days_and_one_day_before_once_each()
    {
        // A deadline of 30 November 2021 for the whole province; the host's clock starts on 1 November.
        await _host.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<EduDutyDbContext>();
            var scheme = await db.Evaluations.Select(e => e.SchemeId).FirstAsync();
            var shanxi = await db.Regions.Where(r => r.Code == "140000").Select(r => r.Id).SingleAsync();
            db.Deadlines.Add(new EvaluationDeadline { SchemeId = scheme, Year = 2021, RegionId = shanxi, DueDate = new DateOnly(2021, 11, 30) });
            return await db.SaveChangesAsync();
        });
        var drafts = await _host.WithScopeAsync(s => s.GetRequiredService<EduDutyDbContext>().Evaluations.CountAsync());
        var countyUsers = await CountyUsersAsync();

        Assert.Equal(0, await RemindAsync()); // 29 days ahead: nothing yet
        _host.Clock.SetUtcNow(new DateTimeOffset(2021, 11, 23, 1, 0, 0, TimeSpan.Zero)); // 23 November in China: 7 days left
        var weekBefore = await RemindAsync();
        Assert.Equal(0, await RemindAsync()); // a second run, or a second instance, adds nothing
        _host.Clock.SetUtcNow(new DateTimeOffset(2021, 11, 29, 1, 0, 0, TimeSpan.Zero)); // 1 day left
        var dayBefore = await RemindAsync();
        _host.Clock.SetUtcNow(new DateTimeOffset(2021, 11, 30, 1, 0, 0, TimeSpan.Zero)); // the last day
        Assert.Equal(0, await RemindAsync());

        Assert.Equal(6, drafts);
        Assert.Equal(countyUsers, weekBefore); // every county user of the demo (闻喜县 and 夏县) has a draft due
        Assert.Equal(weekBefore, dayBefore);
        var texts = (await MessagesAsync()).Where(m => m.User == "wenxi.official").Select(m => m.Text).ToList();
        Assert.Equal(["闻喜县 2021年度评价距截止还有 7 天（2021年11月30日），请抓紧填写，由县级负责人在截止前提交。",
            "闻喜县 2021年度评价距截止还有 1 天（2021年11月30日），请抓紧填写，由县级负责人在截止前提交。"], texts);
    }

    [Fact]
    public async Task Messages_are_e_mailed_once_when_smtp_is_configured_and_never_without_it()
    {
        var id = await CommentToAnOfficialWithAnAddressAsync();

        Assert.Equal(0, await MailAsync(new SmtpSettings(null, 25, MailSecurity.Auto, null, null, "eduduty@example", "")));
        using var smtp = new FakeSmtpServer();
        var settings = new SmtpSettings("127.0.0.1", smtp.Port, MailSecurity.Auto, null, null, "eduduty@example", "https://portal.example");

        Assert.Equal(1, await MailAsync(settings)); // wenxi.lead has no address
        Assert.Equal(0, await MailAsync(settings));
        var mail = Assert.Single(smtp.Messages);
        Assert.Contains("RCPT TO:<official@wenxi.example>", mail.Envelope);
        Assert.Contains("https://portal.example/Evaluations/", mail.Data);
    }

    // Issue 27 attack: users now set their own address (个人信息). One the mail server refuses must not stop the others' mail:
    // the loop ended at the first refused recipient, and every run began again at the same message.
    [Fact]
    public async Task An_address_the_server_refuses_holds_back_only_its_own_messages()
    {
        var id = await CommentToAnOfficialWithAnAddressAsync(); // wenxi.official: official@wenxi.example, refused below
        await _host.WithScopeAsync(s => s.GetRequiredService<EduDutyDbContext>().Users.Where(u => u.UserName == "wenxi.lead")
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.Email, "lead@wenxi.example")));
        var supervisor = await ActorAsync("yuncheng.supervisor", Roles.Supervisor);
        await _host.WithScopeAsync(async s => await s.GetRequiredService<OpenThread>().HandleAsync((await LoadAsync(s, id, supervisor))!, supervisor, null, "请核对财政数据", default));
        using var smtp = new FakeSmtpServer { RefuseRecipient = "official@wenxi.example" };
        var settings = new SmtpSettings("127.0.0.1", smtp.Port, MailSecurity.Auto, null, null, "eduduty@example", "https://portal.example");

        Assert.Equal(2, await MailAsync(settings)); // both of the lead's messages, whatever the order
        Assert.Equal(2, smtp.Messages.Count);
        Assert.All(smtp.Messages, m => Assert.Contains("RCPT TO:<lead@wenxi.example>", m.Envelope));
        Assert.Equal(0, await MailAsync(settings)); // the refused ones stay unsent, the lead's are not sent twice
    }

    [Fact]
    public async Task A_message_arrives_with_its_chinese_subject_and_names_encoded_for_any_server_and_decoded_as_written()
    {
        var id = await CommentToAnOfficialWithAnAddressAsync();
        var (text, name) = await _host.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<EduDutyDbContext>();
            var user = await db.Users.SingleAsync(u => u.UserName == "wenxi.official");
            return (await db.Notifications.Where(n => n.UserId == user.Id).Select(n => n.Text).SingleAsync(), user.DisplayName);
        });
        using var smtp = new FakeSmtpServer();

        Assert.Equal(1, await MailAsync(new SmtpSettings("127.0.0.1", smtp.Port, MailSecurity.Auto, null, null, "教育履职评价 <eduduty@example.gov.cn>", "https://portal.example")));

        var mail = Assert.Single(smtp.Messages);
        var headers = mail.Raw[..mail.Raw.IndexOf("\n\n", StringComparison.Ordinal)];
        Assert.All(headers, c => Assert.True(c < 128, $"a raw 8-bit character in the headers: {c}")); // the server offered no SMTPUTF8
        Assert.Equal("【EduDuty 教育履职评价】" + (text.Length > 40 ? text[..40] + "…" : text), Rfc2047.Header(headers, "Subject"));
        Assert.Equal($"{name} <official@wenxi.example>", Rfc2047.Header(headers, "To").Replace("\"", string.Empty, StringComparison.Ordinal));
        Assert.Equal("教育履职评价 <eduduty@example.gov.cn>", Rfc2047.Header(headers, "From").Replace("\"", string.Empty, StringComparison.Ordinal));
        Assert.Contains("MAIL FROM:<eduduty@example.gov.cn>", mail.Envelope);
        Assert.Contains($"{name}：\n\n{text}\n\n请登录平台查看：https://portal.example/Evaluations/{id}", mail.Data.Replace("\r", string.Empty, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Implicit_tls_starts_with_a_tls_handshake_and_a_failed_one_leaves_the_message_to_the_next_run()
    {
        var id = await CommentToAnOfficialWithAnAddressAsync();

        // A server that says nothing and hangs up after the client's first bytes: an implicit-TLS client speaks first, with a
        // TLS handshake record (content type 22); a plain SMTP client would wait for the 220 greeting.
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var firstByte = Task.Run(async () =>
            {
                using var client = await listener.AcceptTcpClientAsync();
                var buffer = new byte[1];
                return await client.GetStream().ReadAsync(buffer) == 1 ? buffer[0] : -1;
            });
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;

            var sent = await MailAsync(new SmtpSettings("127.0.0.1", port, MailSecurity.SslOnConnect, null, null, "eduduty@example", "https://portal.example"));

            Assert.Equal(0, sent);
            Assert.Equal(0x16, await firstByte.WaitAsync(TimeSpan.FromSeconds(30)));
        }
        finally
        {
            listener.Stop();
        }

        using var smtp = new FakeSmtpServer();
        Assert.Equal(1, await MailAsync(new SmtpSettings("127.0.0.1", smtp.Port, MailSecurity.Auto, null, null, "eduduty@example", "https://portal.example")));
    }

    [Fact]
    public async Task Line_breaks_in_a_message_or_a_users_name_never_start_a_header_of_their_own()
    {
        await CommentToAnOfficialWithAnAddressAsync();
        await _host.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<EduDutyDbContext>();
            await db.Users.Where(u => u.UserName == "wenxi.official")
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.DisplayName, "闻喜\r\nX-Injected-Name: 1\r\nBcc: name@evil.example"));
            return await db.Notifications.ExecuteUpdateAsync(n => n.SetProperty(x => x.Text, "请看\r\nBcc: subject@evil.example\r\nX-Injected-Subject: 1\n\r\n正文"));
        });
        using var smtp = new FakeSmtpServer();

        Assert.Equal(1, await MailAsync(new SmtpSettings("127.0.0.1", smtp.Port, MailSecurity.Auto, null, null, "eduduty@example", "https://portal.example")));

        var mail = Assert.Single(smtp.Messages);
        var headers = mail.Raw[..mail.Raw.IndexOf("\n\n", StringComparison.Ordinal)];
        Assert.DoesNotContain("evil.example", mail.Envelope);
        Assert.All(headers.Split('\n'), line =>
        {
            Assert.False(line.StartsWith("Bcc", StringComparison.OrdinalIgnoreCase), line);
            Assert.False(line.StartsWith("X-Injected", StringComparison.OrdinalIgnoreCase), line);
        });
        Console.WriteLine(headers);
    }

    [Fact]
    public async Task The_smtp_password_never_goes_over_a_connection_without_tls_unless_none_is_configured()
    {
        await CommentToAnOfficialWithAnAddressAsync();
        // A server (or a man in the middle that strips STARTTLS) that offers sign-in but no STARTTLS, on the submission port.
        using var smtp = new FakeSmtpServer("AUTH PLAIN LOGIN");

        var sent = await MailAsync(new SmtpSettings("127.0.0.1", smtp.Port, MailSecurity.Auto, "eduduty", "smtp-secret", "eduduty@example", "https://portal.example"));

        Assert.Equal(0, sent);
        Assert.Empty(smtp.Messages);
        Assert.DoesNotContain("AUTH", smtp.Received, StringComparison.OrdinalIgnoreCase);

        // Plain SMTP with a password only when the operator says so (a relay on the same host).
        Assert.Equal(1, await MailAsync(new SmtpSettings("127.0.0.1", smtp.Port, MailSecurity.None, "eduduty", "smtp-secret", "eduduty@example", "https://portal.example")));
    }

    // 运城's supervisor comments on 闻喜's evaluation, whose official has an e-mail address (its lead has none): one message to mail.
    private async Task<int> CommentToAnOfficialWithAnAddressAsync()
    {
        var (id, _) = await EvaluationAsync("140823");
        await _host.WithScopeAsync(s => s.GetRequiredService<EduDutyDbContext>().Users.Where(u => u.UserName == "wenxi.official")
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.Email, "official@wenxi.example")));
        var supervisor = await ActorAsync("yuncheng.supervisor", Roles.Supervisor);
        await _host.WithScopeAsync(async s => await s.GetRequiredService<OpenThread>().HandleAsync((await LoadAsync(s, id, supervisor))!, supervisor, null, "请补充佐证材料", default));
        return id;
    }

    // Issue 27: reminders only at exactly 7 or 1 days left (a deadline set 4 days ahead gave nothing until its last day).
    [Fact]
    public async Task A_deadline_four_days_ahead_reminds_at_once_and_on_its_last_day_and_a_moved_one_reminds_afresh()
    {
        var admin = await ActorAsync("shanxi.admin", Roles.Admin);
        var scheme = await _host.WithScopeAsync(s => s.GetRequiredService<EduDutyDbContext>().Evaluations.Select(e => e.SchemeId).FirstAsync());
        var countyUsers = await CountyUsersAsync();
        // The clock starts on 1 November 2021: 5 November is 4 days ahead.
        Assert.True((await SetDeadlineAsync(scheme, new DateOnly(2021, 11, 5), admin)).IsDone);

        Assert.Equal(countyUsers, await RemindAsync()); // 4 days left: the 7-day reminder, at once
        Assert.Equal(0, await RemindAsync());
        _host.Clock.SetUtcNow(new DateTimeOffset(2021, 11, 3, 1, 0, 0, TimeSpan.Zero)); // 2 days left: already reminded
        Assert.Equal(0, await RemindAsync());
        _host.Clock.SetUtcNow(new DateTimeOffset(2021, 11, 5, 1, 0, 0, TimeSpan.Zero)); // the last day (0 left): the 1-day one
        Assert.Equal(countyUsers, await RemindAsync());
        Assert.Equal(0, await RemindAsync());

        // Moved to 10 November: a new deadline, reminded afresh (5 days left: the 7-day reminder again, for the new date).
        Assert.True((await SetDeadlineAsync(scheme, new DateOnly(2021, 11, 10), admin)).IsDone);
        Assert.Equal(countyUsers, await RemindAsync());

        var reminders = (await MessagesAsync()).Where(m => m.User == "wenxi.official" && m.Kind == NotificationKind.Deadline && m.Text.Contains("请抓紧填写", StringComparison.Ordinal))
            .Select(m => m.Text).ToList();
        Assert.Equal([
            "闻喜县 2021年度评价距截止还有 4 天（2021年11月5日），请抓紧填写，由县级负责人在截止前提交。",
            "闻喜县 2021年度评价今天截止，请抓紧填写，由县级负责人在截止前提交。",
            "闻喜县 2021年度评价距截止还有 5 天（2021年11月10日），请抓紧填写，由县级负责人在截止前提交。"], reminders);
    }

    [Fact]
    public async Task Setting_moving_and_extending_a_deadline_tells_the_county_users_the_new_date_and_what_to_do()
    {
        var admin = await ActorAsync("shanxi.admin", Roles.Admin);
        var scheme = await _host.WithScopeAsync(s => s.GetRequiredService<EduDutyDbContext>().Evaluations.Select(e => e.SchemeId).FirstAsync());
        var (wenxi, _) = await EvaluationAsync("140823");

        Assert.True((await SetDeadlineAsync(scheme, new DateOnly(2021, 11, 30), admin)).IsDone);
        Assert.True((await SetDeadlineAsync(scheme, new DateOnly(2021, 11, 30), admin)).IsDone); // the same date again: nothing new
        Assert.True((await SetDeadlineAsync(scheme, new DateOnly(2021, 12, 15), admin)).IsDone);
        var extended = await _host.WithScopeAsync(async s =>
            await s.GetRequiredService<Deadlines>().SetExtensionAsync((await LoadAsync(s, wenxi, admin))!, "2021-12-31", admin, default));
        Assert.True(extended.IsDone);
        var cancelled = await _host.WithScopeAsync(async s =>
            await s.GetRequiredService<Deadlines>().SetExtensionAsync((await LoadAsync(s, wenxi, admin))!, "", admin, default));
        Assert.True(cancelled.IsDone);

        var messages = await MessagesAsync();
        Assert.Equal([
            "闻喜县 2021年度评价的截止日期已设为 2021年11月30日。请在此之前填写完毕，由县级负责人提交；逾期后将不能填报。",
            "闻喜县 2021年度评价的截止日期已改为 2021年12月15日（原为 2021年11月30日）。请在此之前填写完毕，由县级负责人提交；逾期后将不能填报。",
            "闻喜县 2021年度评价已延期至 2021年12月31日（原为 2021年12月15日）。请在此之前填写完毕，由县级负责人提交；逾期后将不能填报。",
            "闻喜县 2021年度评价的截止日期已改为 2021年12月15日（原为 2021年12月31日）。请在此之前填写完毕，由县级负责人提交；逾期后将不能填报。"],
            messages.Where(m => m.User == "wenxi.lead").Select(m => m.Text));
        Assert.All(messages.Where(m => m.User == "wenxi.lead"), m => Assert.Equal((NotificationKind.Deadline, $"/Evaluations/{wenxi}"), (m.Kind, m.Url)));
        // 夏县 hears of the year's deadline, not of 闻喜县's extension; nobody but county users is told.
        Assert.Equal(2, messages.Count(m => m.User == "xiaxian.official"));
        Assert.DoesNotContain(messages, m => m.User is "shanxi.admin" or "yuncheng.supervisor");
    }

    // Two portal instances run the reminders at the same moment: exactly one reminder per user and deadline.
    [Theory]
    [InlineData(8)]
    [InlineData(50)]
    public async Task Reminders_run_at_once_by_many_workers_reach_each_user_exactly_once(int workers)
    {
        var scheme = await _host.WithScopeAsync(s => s.GetRequiredService<EduDutyDbContext>().Evaluations.Select(e => e.SchemeId).FirstAsync());
        await _host.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<EduDutyDbContext>();
            var shanxi = await db.Regions.Where(r => r.Code == "140000").Select(r => r.Id).SingleAsync();
            db.Deadlines.Add(new EvaluationDeadline { SchemeId = scheme, Year = 2021, RegionId = shanxi, DueDate = new DateOnly(2021, 11, 4) });
            return await db.SaveChangesAsync();
        });
        var countyUsers = await CountyUsersAsync();

        var added = await AtOnce.RunAsync(workers, async (_, gate) =>
        {
            using var scope = _host.Services.CreateScope();
            var reminders = scope.ServiceProvider.GetRequiredService<DeadlineReminders>();
            await gate();
            return await reminders.SendAsync();
        });

        var stored = await _host.WithScopeAsync(s => s.GetRequiredService<EduDutyDbContext>().Notifications
            .Where(n => n.Kind == NotificationKind.Deadline).Select(n => new { n.UserId, n.Key }).ToListAsync());
        Assert.Equal(countyUsers, stored.Count);
        Assert.Equal(countyUsers, stored.Select(n => n.UserId).Distinct().Count());
        Assert.Equal(countyUsers, added.Sum()); // what the workers say they added is what is stored
        Assert.Equal(0, await RemindAsync());
    }

    private Task<Outcome<Unit>> SetDeadlineAsync(int scheme, DateOnly due, Actor admin) => _host.WithScopeAsync(s =>
        s.GetRequiredService<Deadlines>().SetYearDeadlineAsync(scheme, 2021, "/140000/", due, confirmed: true, admin, default));

    // The county's officials and leads: the year's deadline is theirs. A department user (issue 30) also belongs to a county,
    // and hears of its department's internal deadline instead (DepartmentAssignmentTests).
    private Task<int> CountyUsersAsync() => _host.WithScopeAsync(s =>
    {
        var db = s.GetRequiredService<EduDutyDbContext>();
        return db.Users.CountAsync(u => u.Region.Level == Core.Regions.RegionLevel.County
            && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && (r.Name == Roles.CountyOfficial || r.Name == Roles.CountyLead))));
    });

    private Task<int> RemindAsync() => _host.WithScopeAsync(s => s.GetRequiredService<DeadlineReminders>().SendAsync());

    private Task<int> MailAsync(SmtpSettings settings) => _host.WithScopeAsync(s =>
        new NotificationMailer(s.GetRequiredService<EduDutyDbContext>(), settings, _host.Clock, NullLogger<NotificationMailer>.Instance).SendAsync());

    private sealed record Message(string User, NotificationKind Kind, string Text, string Url);

    private Task<List<Message>> MessagesAsync() => _host.WithScopeAsync(s =>
    {
        var db = s.GetRequiredService<EduDutyDbContext>();
        return (from n in db.Notifications join u in db.Users on n.UserId equals u.Id orderby n.Id
                select new Message(u.UserName!, n.Kind, n.Text, n.Url)).ToListAsync();
    });

    private Task<(int Id, string Path)> EvaluationAsync(string code) => _host.WithScopeAsync(async s =>
    {
        var e = await s.GetRequiredService<EduDutyDbContext>().Evaluations.Where(e => e.County.Code == code).Select(e => new { e.Id, e.County.Path }).SingleAsync();
        return (e.Id, e.Path);
    });

    private Task<int> SetStatusAsync(int id, EvaluationStatus status) => _host.WithScopeAsync(s =>
        s.GetRequiredService<EduDutyDbContext>().Evaluations.Where(e => e.Id == id).ExecuteUpdateAsync(u => u.SetProperty(e => e.Status, status)));

    private Task<Actor> ActorAsync(string userName, string role) => _host.WithScopeAsync(async s =>
    {
        var user = await s.GetRequiredService<EduDutyDbContext>().Users.Include(u => u.Region).SingleAsync(u => u.UserName == userName);
        return new Actor(user.Id, user.DisplayName, [role], user.Region.Path);
    });

    private static Task<Workspace?> LoadAsync(IServiceProvider s, int id, Actor actor) => s.GetRequiredService<WorkspaceLoader>().LoadAsync(id, actor, default);

    /// <summary>Just enough of an SMTP server to receive mail on a loopback port and keep what it got.</summary>
    private sealed class FakeSmtpServer : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();
        private readonly string[] _extensions;

        /// <param name="extensions">What the server says it can do after EHLO (AUTH PLAIN …); nothing by default.</param>
        public FakeSmtpServer(params string[] extensions)
        {
            _extensions = extensions;
            _listener.Start();
            _ = Task.Run(ServeAsync);
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        /// <summary>An address whose RCPT TO the server refuses (550), as a server does for a mailbox it does not know.</summary>
        public string? RefuseRecipient { get; init; }

        private readonly StringBuilder _received = new();

        /// <summary>Every command line the server received before DATA's content, on every connection.</summary>
        public string Received
        {
            get
            {
                lock (_received) return _received.ToString();
            }
        }

        /// <summary>Each message: the commands before DATA, the message with its body decoded, and the message as sent.</summary>
        public List<(string Envelope, string Data, string Raw)> Messages { get; } = [];

        private async Task ServeAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                await using var stream = client.GetStream();
                using var reader = new StreamReader(stream, Encoding.ASCII);
                await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
                await writer.WriteLineAsync("220 fake");
                var envelope = new StringBuilder();
                while (await reader.ReadLineAsync() is { } line)
                {
                    lock (_received) _received.AppendLine(line);
                    if (line.StartsWith("DATA", StringComparison.OrdinalIgnoreCase))
                    {
                        await writer.WriteLineAsync("354 go");
                        var data = new StringBuilder();
                        while (await reader.ReadLineAsync() is { } body && body != ".") data.Append(body.StartsWith('.') ? body[1..] : body).Append('\n');
                        lock (Messages) Messages.Add((envelope.ToString(), DecodeBase64Parts(data.ToString()), data.ToString()));
                        envelope.Clear();
                        await writer.WriteLineAsync("250 ok");
                    }
                    else if (line.StartsWith("QUIT", StringComparison.OrdinalIgnoreCase))
                    {
                        await writer.WriteLineAsync("221 bye");
                        break;
                    }
                    else if (line.StartsWith("EHLO", StringComparison.OrdinalIgnoreCase))
                    {
                        envelope.AppendLine(line);
                        foreach (var extension in _extensions) await writer.WriteLineAsync($"250-{extension}");
                        await writer.WriteLineAsync("250 fake");
                    }
                    else if (RefuseRecipient is { } refused && line.StartsWith("RCPT", StringComparison.OrdinalIgnoreCase) && line.Contains(refused, StringComparison.OrdinalIgnoreCase))
                    {
                        await writer.WriteLineAsync("550 5.1.1 no such user");
                    }
                    else
                    {
                        if (line.StartsWith("RSET", StringComparison.OrdinalIgnoreCase)) envelope.Clear();
                        envelope.AppendLine(line);
                        await writer.WriteLineAsync(line.StartsWith("AUTH", StringComparison.OrdinalIgnoreCase) ? "235 ok" : "250 ok");
                    }
                }
            }
        }

        // The body of a UTF-8 message is base64 (in lines of 76): decode it after the headers, so that a test can read it.
        private static string DecodeBase64Parts(string data)
        {
            var split = data.IndexOf("\n\n", StringComparison.Ordinal);
            if (split < 0) return data;
            var body = data[(split + 2)..].Replace("\r", string.Empty, StringComparison.Ordinal).Replace("\n", string.Empty, StringComparison.Ordinal);
            try
            {
                return data[..split] + "\n\n" + Encoding.UTF8.GetString(Convert.FromBase64String(body));
            }
            catch (FormatException)
            {
                return data;
            }
        }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
        }
    }
}

/// <summary>
/// RFC 2047 encoded words read by hand (not by MimeKit, which wrote them): a header unfolded, each <c>=?charset?B|Q?…?=</c>
/// decoded, the space between two adjacent words dropped.
/// </summary>
internal static partial class Rfc2047
{
    public static string Header(string headers, string name)
    {
        var unfolded = System.Text.RegularExpressions.Regex.Replace(headers, "\n[ \t]", " ");
        var line = unfolded.Split('\n').Single(l => l.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase));
        return Decode(line[(name.Length + 1)..].Trim());
    }

    public static string Decode(string value) =>
        Word().Replace(AdjacentWords().Replace(value, "?==?"), m =>
        {
            var charset = Encoding.GetEncoding(m.Groups[1].Value);
            var text = m.Groups[3].Value;
            if (m.Groups[2].Value is "B" or "b") return charset.GetString(Convert.FromBase64String(text));
            var bytes = new List<byte>();
            for (var i = 0; i < text.Length; i++)
            {
                if (text[i] == '=' ) { bytes.Add(Convert.ToByte(text.Substring(i + 1, 2), 16)); i += 2; }
                else bytes.Add(text[i] == '_' ? (byte)' ' : (byte)text[i]);
            }

            return charset.GetString(bytes.ToArray());
        });

    [System.Text.RegularExpressions.GeneratedRegex(@"=\?([^?]+)\?([BbQq])\?([^?]*)\?=")]
    private static partial System.Text.RegularExpressions.Regex Word();

    [System.Text.RegularExpressions.GeneratedRegex(@"\?=\s+=\?")]
    private static partial System.Text.RegularExpressions.Regex AdjacentWords();
}

/// <summary>Which connection the SMTP settings choose: implicit TLS on 465 by default, STARTTLS elsewhere, as configured.</summary>
public sealed class NotificationMailSettingsTests
{
    [Theory]
    [InlineData(465, MailSecurity.Auto, SecureSocketOptions.SslOnConnect)]
    [InlineData(587, MailSecurity.Auto, SecureSocketOptions.StartTlsWhenAvailable)]
    [InlineData(25, MailSecurity.Auto, SecureSocketOptions.StartTlsWhenAvailable)]
    [InlineData(2465, MailSecurity.SslOnConnect, SecureSocketOptions.SslOnConnect)]
    [InlineData(465, MailSecurity.StartTls, SecureSocketOptions.StartTls)]
    [InlineData(25, MailSecurity.None, SecureSocketOptions.None)]
    public void Port_and_security_choose_the_connection(int port, MailSecurity security, SecureSocketOptions expected)
    {
        Assert.Equal(expected, new SmtpSettings("smtp.example.gov.cn", port, security, null, null, "eduduty@example", "").SocketOptions);
    }

    [Theory]
    [InlineData(587, MailSecurity.Auto, SecureSocketOptions.StartTls)]
    [InlineData(25, MailSecurity.Auto, SecureSocketOptions.StartTls)]
    [InlineData(465, MailSecurity.Auto, SecureSocketOptions.SslOnConnect)]
    [InlineData(25, MailSecurity.None, SecureSocketOptions.None)]
    public void With_a_user_name_auto_requires_tls(int port, MailSecurity security, SecureSocketOptions expected)
    {
        Assert.Equal(expected, new SmtpSettings("smtp.example.gov.cn", port, security, "eduduty", "secret", "eduduty@example", "").SocketOptions);
    }

    [Fact]
    public void The_settings_never_print_the_password()
    {
        var settings = new SmtpSettings("smtp.example.gov.cn", 587, MailSecurity.StartTls, "eduduty", "smtp-secret", "eduduty@example", "");

        Assert.DoesNotContain("smtp-secret", settings.ToString());
        Assert.DoesNotContain("smtp-secret", $"{new { settings }}");
    }

    [Fact]
    public void Port_465_in_the_configuration_selects_implicit_tls()
    {
        var settings = Read(new() { ["Notifications:Smtp:Host"] = "smtp.example.gov.cn", ["Notifications:Smtp:Port"] = "465" });

        Assert.Equal((MailSecurity.Auto, SecureSocketOptions.SslOnConnect), (settings.Security, settings.SocketOptions));
    }

    [Fact]
    public void Security_is_read_by_name_and_the_old_enable_ssl_still_means_starttls()
    {
        Assert.Equal(MailSecurity.SslOnConnect, Read(new() { ["Notifications:Smtp:Security"] = "sslonconnect", ["Notifications:Smtp:Port"] = "994" }).Security);
        Assert.Equal(MailSecurity.StartTls, Read(new() { ["Notifications:Smtp:EnableSsl"] = "true", ["Notifications:Smtp:Port"] = "587" }).Security);
        Assert.Equal(MailSecurity.None, Read(new() { ["Notifications:Smtp:Security"] = "None", ["Notifications:Smtp:EnableSsl"] = "true" }).Security);
        Assert.Equal((MailSecurity.Auto, 25), (Read([]).Security, Read([]).Port));
    }

    [Theory]
    [InlineData("Tls")]
    [InlineData("1")]
    public void An_unknown_security_is_refused_at_start_naming_the_four_values(string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Read(new() { ["Notifications:Smtp:Security"] = value }));

        Assert.Contains($"Notifications:Smtp:Security 的值 “{value}” 无效：请设为 Auto、SslOnConnect、StartTls 或 None", error.Message);
    }

    private static SmtpSettings Read(Dictionary<string, string?> values) =>
        SmtpSettings.Read(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
}

public sealed class SqliteNotificationTests : NotificationTests<SqliteApplicationHost>;

public sealed class PostgresNotificationTests : NotificationTests<PostgresApplicationHost>;
