using System.Text;

namespace EduDuty.Core.Tests.Evidence;

/// <summary>Files built in the tests, byte by byte, for the evidence inspector to read.</summary>
internal static class TestFiles
{
    // A minimal compound file (MS-CFB, 512-byte sectors): header, one FAT sector (sector 0), one directory sector (1).
    public static byte[] CompoundFile(params string[] streamNames)
    {
        var file = new byte[512 * 3];
        byte[] signature = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        signature.CopyTo(file, 0);
        BitConverter.GetBytes((ushort)0x3E).CopyTo(file, 0x18);
        BitConverter.GetBytes((ushort)3).CopyTo(file, 0x1A);
        BitConverter.GetBytes((ushort)0xFFFE).CopyTo(file, 0x1C);
        BitConverter.GetBytes((ushort)9).CopyTo(file, 0x1E);
        BitConverter.GetBytes((ushort)6).CopyTo(file, 0x20);
        BitConverter.GetBytes(1).CopyTo(file, 0x2C);
        BitConverter.GetBytes(1).CopyTo(file, 0x30);
        BitConverter.GetBytes(4096).CopyTo(file, 0x38);
        BitConverter.GetBytes(-2).CopyTo(file, 0x3C);
        BitConverter.GetBytes(-2).CopyTo(file, 0x44);
        for (var i = 0; i < 109; i++) BitConverter.GetBytes(i == 0 ? 0 : -1).CopyTo(file, 0x4C + (4 * i));
        for (var i = 0; i < 128; i++) BitConverter.GetBytes(i switch { 0 => -3, 1 => -2, _ => -1 }).CopyTo(file, 512 + (4 * i));
        string[] names = ["Root Entry", .. streamNames];
        for (var index = 0; index < names.Length; index++)
        {
            var at = 1024 + (128 * index);
            Encoding.Unicode.GetBytes(names[index]).CopyTo(file, at);
            BitConverter.GetBytes((ushort)((names[index].Length + 1) * 2)).CopyTo(file, at + 0x40);
        }

        return file;
    }
}
