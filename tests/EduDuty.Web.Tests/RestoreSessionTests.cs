using System.Net;
using EduDuty.Application.Operations;
using EduDuty.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EduDuty.Web.Tests;

/// <summary>
/// Issue 24: a session signed out after a backup does not come back when the backup is restored under the running portal
/// (the embedded database's restore; PostgreSQL's pg_restore is followed by <c>eduduty sessions end</c>, see
/// docs/operations.md). A restore ends every session.
/// </summary>
[Collection(SqlitePortal.Name)]
public sealed class RestoreSessionTests(SqlitePortalFactory factory) : PortalTests<SqlitePortalFactory>(factory)
{
    [Fact]
    public async Task A_session_signed_out_after_the_backup_stays_ended_after_the_restore_and_so_does_every_other()
    {
        var signedOut = await PortalClient.For(Factory).SignedInAsync("wenxi.official");
        var stillIn = await PortalClient.For(Factory).SignedInAsync("xiaxian.official");
        var saved = string.Join("; ", signedOut.Cookies.GetCookies(new Uri("http://localhost/")).Select(c => $"{c.Name}={c.Value}"));
        var backup = Path.Combine(Path.GetTempPath(), $"eduduty-restore-{Guid.NewGuid():N}.db");
        try
        {
            Assert.True((await BackupsAsync(b => b.BackupAsync(backup))).Done);
            await signedOut.PostFormAsync("/", "#logout-form", []);

            var restored = await BackupsAsync(b => b.RestoreAsync(backup));

            Assert.True(restored.Done, restored.Message);
            var replay = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
            replay.DefaultRequestHeaders.Add("Cookie", saved);
            Assert.Equal(HttpStatusCode.Redirect, (await replay.GetAsync("/")).StatusCode);
            Assert.Equal(HttpStatusCode.Redirect, (await stillIn.Http.GetAsync("/")).StatusCode);
            Assert.Equal(0, await Factory.WithDbAsync(db => db.UserSessions.CountAsync()));
            Assert.Equal(HttpStatusCode.Redirect, (await PortalClient.For(Factory).SignInAsync("wenxi.official")).StatusCode);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(backup);
        }
    }

    private async Task<BackupOutcome> BackupsAsync(Func<SqliteBackups, Task<BackupOutcome>> act)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await act(scope.ServiceProvider.GetRequiredService<SqliteBackups>());
    }
}
