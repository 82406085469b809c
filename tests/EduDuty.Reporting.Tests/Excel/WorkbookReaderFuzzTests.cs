using EduDuty.Testing;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static EduDuty.Reporting.Tests.Excel.CountyWorkbookFixture;

namespace EduDuty.Reporting.Tests.Excel;

/// <summary>The workbook reader fed damaged workbooks and edited cells of any content: it reports, it never throws.</summary>
public sealed partial class WorkbookReaderFuzzTests
{
    private static readonly byte[] Workbook = Golden();

    [Property(MaxTest = 300)]
    public Property Damaged_bytes_are_reported_never_thrown() =>
        Prop.ForAll(Damage.ToArbitrary(), bytes =>
        {
            // IsValid already means no errors: what a read means is that every entry is a value cell (column E) of a sheet,
            // and a refusal names its place and says why in Chinese.
            var read = Read(bytes);
            return (read.IsValid
                    ? read.Entries.Count > 0 && read.Entries.All(e => ValueCellLocation().IsMatch(e.Location))
                    : read.Errors.Count > 0 && read.Errors.All(e => e.Location.Length > 0 && e.Message.Any(c => c is >= '\u4E00' and <= '\u9FFF')))
                .Label(string.Join("; ", read.Errors));
        });

    [Property(MaxTest = 150)]
    public Property Any_cell_content_is_read_or_refused_at_its_cell() =>
        Prop.ForAll(Gen.Elements("A10.01", "A10.14", "A01.02.t", "A10.13.1").ToArbitrary(), Content.ToArbitrary(), (code, content) =>
        {
            var sheet = code.StartsWith("A10", StringComparison.Ordinal) ? Preschool : Party;
            var cell = ValueCell(Workbook, sheet, code);
            var read = Read(XlsxEdit.Set(Workbook, (sheet, cell, content)));
            return read.IsValid || read.Errors.All(e => e.Location == $"{sheet}!{cell}");
        });

    [System.Text.RegularExpressions.GeneratedRegex(@"^[^!]+!E[1-9][0-9]*$")]
    private static partial System.Text.RegularExpressions.Regex ValueCellLocation();

    // Flipped bytes, truncation and bytes cut out of a real workbook.
    private static Gen<byte[]> Damage =>
        from position in Gen.Choose(0, Workbook.Length - 1)
        from kind in Gen.Choose(0, 2)
        from value in Gen.Choose(0, 255)
        select kind switch
        {
            0 => Workbook.Select((b, i) => i == position ? (byte)value : b).ToArray(),
            1 => Workbook[..position],
            _ => [.. Workbook[..position], .. Workbook[Math.Min(Workbook.Length, position + value)..]],
        };

    private static Gen<object?> Content => Gen.OneOf(
        // Any text a cell can hold: XML has no place for most control characters, so no workbook carries them raw.
        ArbMap.Default.GeneratorFor<string>().Where(s => s is null || s.All(System.Xml.XmlConvert.IsXmlChar)).Select(s => (object?)s),
        ArbMap.Default.GeneratorFor<double>().Select(d => (object?)d),
        ArbMap.Default.GeneratorFor<bool>().Select(b => (object?)b),
        Gen.Elements<object?>(null, "#REF!", "是", "否", "１２", "1e5", "-0", "NaN"));
}
