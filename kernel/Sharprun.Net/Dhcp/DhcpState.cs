namespace Sharprun.Net.Dhcp;

/// <summary>The client states of RFC 2131 §4.4 (figure 5), without INIT-REBOOT.</summary>
public enum DhcpState
{
    Init,
    Selecting,
    Requesting,
    Bound,
    Renewing,
    Rebinding,
}
