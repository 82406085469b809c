using System.Net.Http.Headers;
using EduDuty.Application;
using EduDuty.Application.Security.Tokens;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EduDuty.Web.Tests.Infrastructure;

/// <summary>
/// HTTP clients for the API (issue 29): each with a real token made through the same use case as the 个人信息 page
/// (<see cref="CreateApiToken"/>), sent as <c>Authorization: Bearer</c>; no cookie container, no redirects followed.
/// </summary>
public static class ApiClients
{
    /// <summary>A client whose calls carry a new token of <paramref name="userName"/> with <paramref name="scopes"/>.</summary>
    public static async Task<HttpClient> ForAsync(PortalFactory factory, string userName, IReadOnlyList<string> scopes, int days = 30) =>
        WithToken(factory, (await CreateAsync(factory, userName, scopes, days)).Secret);

    /// <summary>A new token of the user (a service token when the user is a service account, made as the command line makes it).</summary>
    public static async Task<CreatedApiToken> CreateAsync(PortalFactory factory, string userName, IReadOnlyList<string> scopes, int days = 30)
    {
        var (userId, actor) = await ActorAsync(factory, userName);
        await using var scope = factory.Services.CreateAsyncScope();
        var create = scope.ServiceProvider.GetRequiredService<CreateApiToken>();
        var outcome = actor.IsServiceAccount
            ? await create.HandleAsync(userId, new ApiTokenRequest("测试令牌", scopes, days), Actor.CommandLine)
            : await create.ForSelfAsync(new ApiTokenRequest("测试令牌", scopes, days), actor.Actor);
        return outcome.Value ?? throw new InvalidOperationException($"token for {userName} not made: {outcome.Kind} {outcome.Refusal}");
    }

    /// <summary>A client sending <paramref name="secret"/> as its bearer token (or none when null).</summary>
    public static HttpClient WithToken(PortalFactory factory, string? secret)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        if (secret is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    /// <summary>The user as the use cases take them (roles and region from the database).</summary>
    public static async Task<(string UserId, (Actor Actor, bool IsServiceAccount) Actor)> ActorAsync(PortalFactory factory, string userName)
    {
        var user = await factory.WithDbAsync(db => db.Users.Where(u => u.UserName == userName)
            .Select(u => new { u.Id, u.DisplayName, u.IsServiceAccount, Path = u.Region.Path }).SingleAsync());
        var roles = await factory.WithDbAsync(db => (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == user.Id select r.Name!).ToListAsync());
        return (user.Id, (new Actor(user.Id, user.DisplayName, roles, user.Path), user.IsServiceAccount));
    }
}
