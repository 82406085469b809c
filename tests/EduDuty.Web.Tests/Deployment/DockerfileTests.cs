using System.Text.RegularExpressions;
using System.Xml.Linq;
using EduDuty.Testing;

namespace EduDuty.Web.Tests.Deployment;

/// <summary>
/// No container engine runs here, so nothing would notice a Dockerfile that cannot restore: this reads the Dockerfile and the
/// project references and fails when a project the portal needs is not copied before the restore.
/// </summary>
public sealed partial class DockerfileTests
{
    [Fact]
    public void Every_project_the_portal_references_is_copied_before_the_restore()
    {
        var dockerfile = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, "Dockerfile"));
        var restore = Array.FindIndex(dockerfile, l => l.Contains("dotnet restore", StringComparison.Ordinal));
        var copied = dockerfile.Take(restore).Select(l => CopiedProject().Match(l)).Where(m => m.Success).Select(m => m.Groups[1].Value).ToHashSet();

        var needed = Closure("src/EduDuty.Web/EduDuty.Web.csproj");

        Assert.True(restore > 0, "the Dockerfile runs no dotnet restore");
        Assert.Contains("src/EduDuty.Application/EduDuty.Application.csproj", needed);
        Assert.Empty(needed.Except(copied));
    }

    [Fact]
    public void Compose_has_no_default_database_password()
    {
        var compose = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docker-compose.yml"));

        Assert.DoesNotContain("change-me", compose);
        Assert.DoesNotContain("EDUDUTY_DB_PASSWORD:-", compose);
        Assert.Equal(2, Regex.Matches(compose, @"\$\{EDUDUTY_DB_PASSWORD:\?").Count);
        Assert.Contains("AllowedHosts:", compose);
    }

    // The project and every project it references, directly or not, as repository-relative paths.
    private static HashSet<string> Closure(string project)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([project]);
        while (pending.TryPop(out var current))
        {
            if (!found.Add(current)) continue;
            var folder = Path.GetDirectoryName(current)!;
            foreach (var reference in XDocument.Load(Path.Combine(RepositoryPaths.Root, current)).Descendants("ProjectReference"))
            {
                var full = Path.GetFullPath(Path.Combine(RepositoryPaths.Root, folder, reference.Attribute("Include")!.Value.Replace('\\', '/')));
                pending.Push(Path.GetRelativePath(RepositoryPaths.Root, full).Replace('\\', '/'));
            }
        }

        return found;
    }

    [GeneratedRegex(@"^COPY\s+(src/\S+\.csproj)\s")]
    private static partial Regex CopiedProject();
}
