using System.Runtime;
using Sharprun.Hypercall;

namespace Sharprun.Kernel.Pal;

/// <summary>
/// The terminal calls of pal_console.h and pal_log.h. The console is a serial line piped to the host, not a
/// terminal: System.Console therefore treats input and output as redirected, exactly as for
/// `dotnet app.dll &gt; file`, and never emits terminal control sequences.
/// </summary>
public static unsafe class PalConsole
{
    [RuntimeExport("SystemNative_IsATty")]
    public static int IsATty(nint fd)
    {
        PalErrors.SetError(DescriptorTable.Get(fd) == DescriptorKind.Closed ? LinuxErrno.EBADF : LinuxErrno.ENOTTY);
        return 0;
    }

    [RuntimeExport("SystemNative_GetWindowSize")]
    public static int GetWindowSize(nint fd, WindowSize* windowSize)
    {
        if (DescriptorTable.Get(fd) == DescriptorKind.Closed)
        {
            return PalErrors.Fail(LinuxErrno.EBADF);
        }

        return PalErrors.Fail(windowSize == null ? LinuxErrno.EFAULT : LinuxErrno.ENOTTY);
    }

    /// <summary>
    /// Succeeds with nothing to do: there is no terminal to configure, and no signal handler to install beforehand
    /// (handlers are recorded per signal by <see cref="PalSignals"/>; the guest gets no SIGCHLD, SIGCONT or SIGWINCH).
    /// </summary>
    [RuntimeExport("SystemNative_InitializeTerminalAndSignalHandling")]
    public static int InitializeTerminalAndSignalHandling() => 1;

    /// <summary>Undoes what initialization did at exit: nothing, as initialization changed nothing.</summary>
    [RuntimeExport("SystemNative_UninitializeTerminal")]
    public static void UninitializeTerminal()
    {
    }

    /// <summary>
    /// Accepts the handler and never calls it: it reports terminal invalidation by signals (SIGCHLD, SIGCONT,
    /// SIGWINCH) that cannot occur here.
    /// </summary>
    [RuntimeExport("SystemNative_SetTerminalInvalidationHandler")]
    public static void SetTerminalInvalidationHandler(delegate* unmanaged<void> handler)
    {
    }

    /// <summary>Writes the "keypad transmit" sequence to the descriptor, as libSystem.Native does once it is given.</summary>
    [RuntimeExport("SystemNative_SetKeypadXmit")]
    public static void SetKeypadXmit(nint fd, byte* terminfoString)
    {
        if (terminfoString != null)
        {
            PalFileDescriptors.Write(fd, terminfoString, CString.Length(terminfoString));
        }
    }

    /// <summary>Terminal mode changes around a read: no terminal, so no line discipline to change.</summary>
    [RuntimeExport("SystemNative_InitializeConsoleBeforeRead")]
    public static void InitializeConsoleBeforeRead(byte minimumCharacters, byte decisecondsTimeout)
    {
    }

    [RuntimeExport("SystemNative_UninitializeConsoleAfterRead")]
    public static void UninitializeConsoleAfterRead()
    {
    }

    /// <summary>Reads standard input as read(2) on descriptor 0 does.</summary>
    [RuntimeExport("SystemNative_ReadStdin")]
    public static int ReadStdin(byte* buffer, int bufferSize) => PalFileDescriptors.Read(0, buffer, bufferSize);

    /// <summary>
    /// Not a terminal, so no control character is defined: every value is the "disabled" value, which is 0 as on
    /// Linux (_POSIX_VDISABLE).
    /// </summary>
    [RuntimeExport("SystemNative_GetControlCharacters")]
    public static void GetControlCharacters(int* controlCharacterNames, byte* controlCharacterValues, int controlCharacterLength, byte* posixDisableValue)
    {
        if (posixDisableValue != null)
        {
            *posixDisableValue = 0;
        }

        if (controlCharacterValues != null)
        {
            for (int index = 0; index < controlCharacterLength; index++)
            {
                controlCharacterValues[index] = 0;
            }
        }
    }

    [RuntimeExport("SystemNative_Log")]
    public static void Log(byte* buffer, int length) => WriteMessage(ConsoleStream.Out, buffer, length);

    [RuntimeExport("SystemNative_LogError")]
    public static void LogError(byte* buffer, int length) => WriteMessage(ConsoleStream.Error, buffer, length);

    private static void WriteMessage(ConsoleStream stream, byte* buffer, int length)
    {
        if (buffer != null && length > 0)
        {
            Hypercalls.ConsoleWrite(stream, buffer, length);
        }
    }
}
