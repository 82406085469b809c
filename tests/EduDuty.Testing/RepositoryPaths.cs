namespace EduDuty.Testing;

public static class RepositoryPaths
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "EduDuty.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("EduDuty.sln not found above " + AppContext.BaseDirectory);
    });

    public static string Root => RootPath.Value;

    public static string Fixture(params string[] parts) => Path.Combine([Root, "tests", "fixtures", .. parts]);

    /// <summary>The team's shared domain folder beside the checkout, or null when it is not there.</summary>
    public static string? SharedDomain
    {
        get
        {
            var path = Path.GetFullPath(Path.Combine(Root, "..", "shared", "domain"));
            return Directory.Exists(path) ? path : null;
        }
    }
}
