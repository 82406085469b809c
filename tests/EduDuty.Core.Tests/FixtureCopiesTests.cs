using EduDuty.Testing;

namespace EduDuty.Core.Tests;

public sealed class FixtureCopiesTests
{
    [Theory]
    [InlineData("catalog-sx-2021.csv")]
    [InlineData("golden-wenxi-2021.json")]
    [InlineData("golden-wenxi-2021-texts.json")]
    public void Fixture_copy_equals_the_shared_domain_file(string name)
    {
        var copy = RepositoryPaths.Fixture("sx-2021", name);
        Assert.True(File.Exists(copy), $"missing fixture {copy}");
        if (RepositoryPaths.SharedDomain is not { } shared) return; // a checkout without ../shared tests against its copies alone

        Assert.Equal(File.ReadAllBytes(Path.Combine(shared, name)), File.ReadAllBytes(copy));
    }
}
