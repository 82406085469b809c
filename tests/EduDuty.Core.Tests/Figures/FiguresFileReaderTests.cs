using EduDuty.Core.Figures;
using EduDuty.Core.Schemes;
using EduDuty.Testing;

namespace EduDuty.Core.Tests.Figures;

public sealed class FiguresFileReaderTests
{
    private static readonly Scheme Scheme = BuiltInSchemes.Get("SX-2021");

    [Fact]
    public void Golden_file_reads_whole_and_writes_back_to_the_same_values()
    {
        var read = FiguresFileReader.Read(GoldenCase.FiguresJson, Scheme);
        Assert.True(read.IsValid, string.Join("\n", read.Errors));
        Assert.Equal("闻喜县", read.File!.County);
        Assert.Equal(2021, read.File.Year);

        var written = FiguresFile.Write(Scheme, "闻喜县", 2021, read.File.Values);
        var again = FiguresFileReader.Read(written, Scheme);

        Assert.Equal(read.File.Values, again.File!.Values);
        Assert.Contains("\"A10.04\": 12149", written);
        Assert.Contains("闻喜县", written);
    }

    [Fact]
    public void Every_problem_is_listed_and_nothing_is_accepted()
    {
        const string json = """
            {"scheme": "SX-2021", "figures": {
              "A10.04": 12149,
              "A99.01": 1,
              "A10.03": 99.8,
              "A10.01": "10755",
              "A10.02": -3,
              "A01.01": "yes",
              "A10.05": 1e309,
              "A10.11": 1.5
            }}
            """;

        var read = FiguresFileReader.Read(json, Scheme);

        Assert.False(read.IsValid);
        Assert.Null(read.File);
        Assert.Equal(["A99.01", "A10.03", "A10.01", "A10.02", "A01.01", "A10.05", "A10.11"], read.Errors.Select(e => e.Location));
        Assert.Contains("没有这个字段代码", read.Errors[0].Message);
        Assert.Contains("计算得出", read.Errors[1].Message);
        Assert.Contains("应为数字", read.Errors[2].Message);
        Assert.Contains("不能为负数", read.Errors[3].Message);
    }

    [Theory]
    [InlineData("not json", "文件")]
    [InlineData("[1,2]", "文件")]
    [InlineData("""{"scheme": "SX-2022", "figures": {}}""", "scheme")]
    [InlineData("""{"scheme": "SX-2021"}""", "figures")]
    [InlineData("""{"scheme": "SX-2021", "figures": {"A10.04": 1, "A10.04": 2}}""", "A10.04")]
    public void Malformed_files_are_refused_with_the_place_named(string json, string location)
    {
        var read = FiguresFileReader.Read(json, Scheme);

        Assert.False(read.IsValid);
        Assert.Contains(read.Errors, e => e.Location == location);
    }
}
