using Sharprun.Net.Addressing;

namespace Sharprun.Net.Interfaces;

/// <summary>
/// The multicast groups an interface has joined, each counted by the sockets that joined it: the interface accepts
/// a group's datagrams while the count is above zero, and IGMP reports only the first join and the last leave.
/// </summary>
internal sealed class MulticastGroups
{
    private readonly Dictionary<IpAddress, int> _members = [];

    public IEnumerable<IpAddress> All => _members.Keys;

    public bool Contains(IpAddress group) => _members.ContainsKey(group);

    /// <summary>Counts one more member; true when the interface was not in the group before.</summary>
    public bool Join(IpAddress group)
    {
        _members[group] = _members.GetValueOrDefault(group) + 1;
        return _members[group] == 1;
    }

    /// <summary>Counts one member less; true when that was the last one.</summary>
    public bool Leave(IpAddress group)
    {
        if (!_members.TryGetValue(group, out int count))
            return false;
        if (count > 1)
        {
            _members[group] = count - 1;
            return false;
        }
        _members.Remove(group);
        return true;
    }
}
