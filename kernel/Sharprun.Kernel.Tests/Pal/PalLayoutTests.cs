using System;
using System.Reflection;
using System.Runtime.InteropServices;
using Sharprun.Kernel.Pal;
using Xunit;

namespace Sharprun.Kernel.Tests.Pal;

/// <summary>The structs the PAL fills must have exactly the layout of the declarations CoreLib and System.Console use.</summary>
public sealed class PalLayoutTests
{
    [Fact]
    public void FileStatusMatchesCoreLib() => AssertSameLayout(typeof(FileStatus), CoreLibType("Interop+Sys+FileStatus"), 120);

    [Fact]
    public void PasswordEntryMatchesCoreLib() => AssertSameLayout(typeof(PasswordEntry), CoreLibType("Interop+Sys+Passwd"), 48);

    [Fact]
    public void WindowSizeMatchesSystemConsole() => AssertSameLayout(typeof(WindowSize), ConsoleType("Interop+Sys+WinSize"), 8);

    [Fact]
    public void PollEventMatchesSystemConsole() => AssertSameLayout(typeof(PollEvent), ConsoleType("Interop+PollEvent"), 8);

    [Fact]
    public void PollEventBitsMatchSystemConsole()
    {
        Type theirs = ConsoleType("Interop+PollEvents");
        Assert.Equal(typeof(short), Enum.GetUnderlyingType(theirs));
        string[] names = ["POLLNONE", "POLLIN", "POLLPRI", "POLLOUT", "POLLERR", "POLLHUP", "POLLNVAL"];
        PollEvents[] ours = [PollEvents.None, PollEvents.In, PollEvents.Priority, PollEvents.Out, PollEvents.Error, PollEvents.HangUp, PollEvents.Invalid];
        for (int index = 0; index < names.Length; index++)
        {
            Assert.Equal(Convert.ToInt16(Enum.Parse(theirs, names[index])), (short)ours[index]);
        }
    }

    private static Type CoreLibType(string name) => typeof(object).Assembly.GetType(name, throwOnError: true)!;

    private static Type ConsoleType(string name) => typeof(Console).Assembly.GetType(name, throwOnError: true)!;

    private static void AssertSameLayout(Type ours, Type theirs, int expectedSize)
    {
        Assert.Equal(expectedSize, Marshal.SizeOf(ours));
        Assert.Equal(Marshal.SizeOf(theirs), Marshal.SizeOf(ours));
        FieldInfo[] ourFields = ours.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic);
        FieldInfo[] theirFields = theirs.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic);
        Assert.Equal(theirFields.Length, ourFields.Length);
        foreach (FieldInfo theirField in theirFields)
        {
            FieldInfo? ourField = Array.Find(ourFields, field => field.Name == theirField.Name);
            Assert.True(ourField != null, $"{ours.Name} lacks {theirField.Name}");
            Assert.Equal(Marshal.OffsetOf(theirs, theirField.Name), Marshal.OffsetOf(ours, ourField!.Name));
            Assert.Equal(Marshal.SizeOf(Primitive(theirField.FieldType)), Marshal.SizeOf(Primitive(ourField.FieldType)));
        }
    }

    private static Type Primitive(Type type) =>
        type.IsEnum ? Enum.GetUnderlyingType(type) : type.IsPointer ? typeof(nint) : type;
}
