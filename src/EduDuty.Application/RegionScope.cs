using System.Linq.Expressions;
using EduDuty.Data.Entities;

namespace EduDuty.Application;

/// <summary>
/// The region scope rule (decision 0005) in SQL: a row belongs to a region when its region path starts with the region's
/// path — one indexed prefix comparison. Every query that limits rows to a region goes through here; its in-memory twin is
/// <see cref="Core.Regions.RegionPaths"/>. An architecture test fails on a region-path <c>StartsWith</c> anywhere else.
/// </summary>
public static class RegionScope
{
    private static readonly System.Reflection.MethodInfo StartsWith = typeof(string).GetMethod(nameof(string.StartsWith), [typeof(string)])!;

    /// <summary>The rows whose region (<paramref name="path"/>) is <paramref name="regionPath"/> or lies under it.</summary>
    public static IQueryable<T> Under<T>(this IQueryable<T> rows, Expression<Func<T, string>> path, string regionPath) =>
        rows.Where(Prefix(path, regionPath, rowIsUnder: true));

    /// <summary>The rows whose region (<paramref name="path"/>) contains <paramref name="regionPath"/> (itself included): a county's supervisors.</summary>
    public static IQueryable<T> Above<T>(this IQueryable<T> rows, Expression<Func<T, string>> path, string regionPath) =>
        rows.Where(Prefix(path, regionPath, rowIsUnder: false));

    /// <summary>The rows whose region lies on the same branch as <paramref name="regionPath"/>: above it or under it.</summary>
    public static IQueryable<T> OnBranchOf<T>(this IQueryable<T> rows, Expression<Func<T, string>> path, string regionPath)
    {
        var under = Prefix(path, regionPath, rowIsUnder: true);
        var above = Prefix(path, regionPath, rowIsUnder: false);
        return rows.Where(Expression.Lambda<Func<T, bool>>(Expression.OrElse(under.Body, above.Body), path.Parameters));
    }

    /// <summary>The evaluations of counties under the actor's region; everything else is as if it did not exist (404).</summary>
    public static IQueryable<Evaluation> VisibleTo(this IQueryable<Evaluation> evaluations, Actor actor) =>
        evaluations.Under(e => e.County.Path, actor.RegionPath);

    /// <summary>
    /// <see cref="Under{T}"/> as a filter whose region path is an expression (a compiled query's parameter, issue 28): the
    /// same prefix rule for a query compiled once and run with each actor's path.
    /// </summary>
    public static Expression<Func<T, bool>> UnderExpression<T>(Expression<Func<T, string>> path, Expression regionPath) =>
        Expression.Lambda<Func<T, bool>>(Expression.Call(path.Body, StartsWith, regionPath), path.Parameters);

    // path(row).StartsWith(regionPath) or regionPath.StartsWith(path(row)); the region's path goes in as a captured value,
    // so that EF sends it as a parameter (one cached plan for every region).
    private static Expression<Func<T, bool>> Prefix<T>(Expression<Func<T, string>> path, string regionPath, bool rowIsUnder)
    {
        var given = Expression.Property(Expression.Constant(new Captured(regionPath)), nameof(Captured.Value));
        var call = rowIsUnder ? Expression.Call(path.Body, StartsWith, given) : Expression.Call(given, StartsWith, path.Body);
        return Expression.Lambda<Func<T, bool>>(call, path.Parameters);
    }

    private sealed record Captured(string Value);
}
