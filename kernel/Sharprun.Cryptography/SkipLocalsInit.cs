// Scratch buffers here (message schedules, key-stream blocks) are always written before they are read; zeroing
// every stackalloc costs a quarter of SHA-256's time.
[module: System.Runtime.CompilerServices.SkipLocalsInit]
