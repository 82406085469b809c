using Mono.Cecil;

namespace EduDuty.Architecture.Tests;

/// <summary>
/// The layering of docs/architecture.md, on the compiled assemblies: Core knows no EF, Data, Web, Application or Reporting;
/// Reporting knows no Data, Web or Application; Data and Application use no HTTP or MVC type; no Razor page, view or
/// command-line command touches the DbContext (they call a use case of the Application layer instead).
/// </summary>
public sealed class LayerTests
{
    private static readonly Lazy<AssemblyDefinition> Core = Load(typeof(EduDuty.Core.Schemes.Scheme));
    private static readonly Lazy<AssemblyDefinition> Reporting = Load(typeof(EduDuty.Reporting.ReportRenderer));
    private static readonly Lazy<AssemblyDefinition> Data = Load(typeof(EduDuty.Data.EduDutyDbContext));
    private static readonly Lazy<AssemblyDefinition> Application = Load(typeof(EduDuty.Application.Actor));
    private static readonly Lazy<AssemblyDefinition> Web = Load(typeof(EduDuty.Web.Infrastructure.CurrentUser));
    private static readonly Lazy<AssemblyDefinition> Cli = Load(typeof(EduDuty.Cli.CliApp));

    private static readonly string[] HttpAndMvc =
    [
        "Microsoft.AspNetCore.Http", "Microsoft.AspNetCore.Mvc", "Microsoft.AspNetCore.Routing", "Microsoft.AspNetCore.Builder",
        "Microsoft.AspNetCore.Authentication", "Microsoft.AspNetCore.Razor",
    ];

    [Fact]
    public void Core_references_no_ef_data_web_application_or_reporting()
    {
        Assert.Empty(ReferencedAssemblies(Core.Value, "Microsoft.EntityFrameworkCore", "EduDuty.Data", "EduDuty.Web", "EduDuty.Application", "EduDuty.Reporting", "Microsoft.AspNetCore"));
    }

    [Fact]
    public void Reporting_references_no_data_web_or_application()
    {
        Assert.Empty(ReferencedAssemblies(Reporting.Value, "Microsoft.EntityFrameworkCore", "EduDuty.Data", "EduDuty.Web", "EduDuty.Application", "Microsoft.AspNetCore"));
    }

    [Fact]
    public void Data_and_application_use_no_http_or_mvc_type()
    {
        var offences = new[] { Data.Value, Application.Value }
            .SelectMany(a => TypeDependencies.TypesIn(a).SelectMany(t => TypeDependencies.Of(t)
                .Where(d => HttpAndMvc.Any(ns => d.Namespace == ns || d.Namespace.StartsWith(ns + ".", StringComparison.Ordinal)))
                .Select(d => $"{t.FullName} → {d.FullName}")))
            .Distinct()
            .ToList();

        Assert.True(offences.Count == 0, "HTTP/MVC types used outside the web project:\n" + string.Join("\n", offences));
    }

    [Fact]
    public void No_page_view_or_command_touches_the_db_context()
    {
        // Page models and the compiled views (classes Pages_…) live under EduDuty.Web.Pages; nested types are their lambdas.
        var pages = TypeDependencies.TypesIn(Web.Value).Where(t => Outer(t).Namespace.StartsWith("EduDuty.Web.Pages", StringComparison.Ordinal)).ToList();
        var commands = TypeDependencies.TypesIn(Cli.Value).Where(t => Outer(t).FullName.StartsWith("EduDuty.Cli", StringComparison.Ordinal)).ToList();

        var offences = DbContextUsers(pages.Concat(commands)).ToList();

        Assert.True(pages.Count(t => t.Name.StartsWith("Pages_", StringComparison.Ordinal)) > 20, "compiled views not found: the rule would check nothing");
        Assert.Contains(commands, t => t.Name == "UsersImportCommand");
        Assert.True(offences.Count == 0, "pages, views or commands that use EduDutyDbContext (call an Application handler instead):\n" + string.Join("\n", offences));
    }

    [Fact]
    public void The_db_context_rule_catches_a_page_that_breaks_it()
    {
        var self = AssemblyDefinition.ReadAssembly(typeof(LayerTests).Assembly.Location);
        var offenders = TypeDependencies.TypesIn(self).Where(t => t.Name is nameof(Offenders.PageHoldingTheContext) or nameof(Offenders.PageFetchingTheContext));

        Assert.Equal(2, DbContextUsers(offenders).Select(o => o.Split(' ')[0]).Distinct().Count());
    }

    private static IEnumerable<string> DbContextUsers(IEnumerable<TypeDefinition> types) =>
        types.SelectMany(t => TypeDependencies.Of(t)
                .Where(d => d.FullName == "EduDuty.Data.EduDutyDbContext")
                .Select(_ => $"{Named(t).FullName} uses EduDutyDbContext"))
            .Distinct();

    private static TypeDefinition Outer(TypeDefinition type) => type.DeclaringType is { } d ? Outer(d) : type;

    // A compiler-generated type (a lambda's closure, an async state machine) is reported as the type it belongs to.
    private static TypeDefinition Named(TypeDefinition type) => type.Name.Contains('<', StringComparison.Ordinal) && type.DeclaringType is { } d ? Named(d) : type;

    private static List<string> ReferencedAssemblies(AssemblyDefinition assembly, params string[] forbidden) =>
        assembly.MainModule.AssemblyReferences.Select(r => r.Name)
            .Where(n => forbidden.Any(f => n == f || n.StartsWith(f + ".", StringComparison.Ordinal)))
            .ToList();

    private static Lazy<AssemblyDefinition> Load(Type type) => new(() => TypeDependencies.Load(type.Assembly));
}

/// <summary>Two pages that break the rule, so that the rule is shown to catch them (never used).</summary>
internal static class Offenders
{
    internal sealed class PageHoldingTheContext(EduDuty.Data.EduDutyDbContext db)
    {
        public int Count() => db.Regions.Count();
    }

    internal sealed class PageFetchingTheContext(IServiceProvider services)
    {
        public object? Context() => services.GetService(typeof(EduDuty.Data.EduDutyDbContext));
    }
}
