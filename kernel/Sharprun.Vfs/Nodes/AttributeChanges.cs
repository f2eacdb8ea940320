namespace Sharprun.Vfs.Nodes;

/// <summary>
/// What chmod, chown, truncate and utimensat change; null leaves a field alone. A size change truncates or extends
/// (with a hole) a regular file. Any change also sets the change time to now.
/// </summary>
public readonly record struct AttributeChanges(
    uint? Permissions = null,
    uint? UserId = null,
    uint? GroupId = null,
    long? Size = null,
    long? AccessTime = null,
    long? ModifyTime = null);
