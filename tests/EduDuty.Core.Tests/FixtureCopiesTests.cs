using System.Security.Cryptography;
using System.Text.Json;
using EduDuty.Testing;

namespace EduDuty.Core.Tests;

/// <summary>
/// The domain files under tests/fixtures/sx-2021 are copies of the team's shared domain folder. A clean clone has no
/// ../shared, so each copy is held to the SHA-256 recorded here — a check that runs everywhere — and, where the shared folder
/// is beside the checkout, to the shared file too. A copy that changes must change here as well, on purpose; a shared file
/// that changes fails until the copy and its hash follow it.
/// </summary>
public sealed class FixtureCopiesTests
{
    // sha256sum of each copy as committed (tests/fixtures/sx-2021/.gitattributes keeps git from converting line endings).
    public static TheoryData<string, string> Copies => new()
    {
        { "catalog-sx-2021.csv", "564eef79992fd979dfe8cf689e6dad093ced905bf9880d80154e3fa1657fd51a" },
        { "golden-wenxi-2021.json", "dea63626db199ecf308b9ec9faa658098ddbea4d32d1fbada01691ac64248400" },
        { "golden-wenxi-2021-texts.json", "47af69f85cdc562c7cb4c3954d32618e1519a9796761117d2a803a62f1df8551" },
        { "seed-report-wenxi-2021.md", "4e7597d054e2c62edef3ce115fc5c807645c341dc7c415b94b0b9c69c832a3e0" },
    };

    [Theory]
    [MemberData(nameof(Copies))]
    public void Fixture_copy_has_its_recorded_hash_and_equals_the_shared_file_where_that_is_present(string name, string sha256)
    {
        var copy = RepositoryPaths.Fixture("sx-2021", name);
        Assert.True(File.Exists(copy), $"missing fixture {copy}");
        var bytes = File.ReadAllBytes(copy);

        Assert.True(Convert.ToHexStringLower(SHA256.HashData(bytes)) == sha256, $"{name} differs from the copy this test records: update the hash only if the shared domain file changed");

        if (RepositoryPaths.SharedDomain is { } shared)
        {
            var original = Path.Combine(shared, name);
            Assert.True(File.Exists(original), $"{name} is no longer in the shared domain folder {shared}");
            Assert.True(File.ReadAllBytes(original).AsSpan().SequenceEqual(bytes), $"{name} drifted from {original}: copy it again and record its new hash");
        }
    }

    [Fact]
    public void The_golden_copy_is_wenxi_2021_under_sx_2021_with_its_expectations()
    {
        // What the tests built on the golden file rely on, stated apart from its hash so that a wrong copy says what is wrong.
        using var golden = JsonDocument.Parse(File.ReadAllText(RepositoryPaths.Fixture("sx-2021", "golden-wenxi-2021.json")));
        var root = golden.RootElement;

        Assert.Equal(("SX-2021", "闻喜县", 2021), (root.GetProperty("scheme").GetString(), root.GetProperty("county").GetString(), root.GetProperty("year").GetInt32()));
        Assert.Equal(10755m, root.GetProperty("figures").GetProperty("A10.01").GetDecimal());
        Assert.True(root.GetProperty("expected").EnumerateObject().Count() > 50);
        Assert.Contains("A07.07", root.GetProperty("expected_failing").EnumerateArray().Select(e => e.GetString()));
    }
}
