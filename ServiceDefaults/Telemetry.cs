using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Partnership.ServiceDefaults;

/// <summary>The project's own activity source and meter, exported by every service.</summary>
public static class Telemetry
{
    public const string ActivitySourceName = "Partnership";
    public const string MeterName = "Partnership";
    public static readonly ActivitySource ActivitySource = new(ActivitySourceName);
    public static readonly Meter Meter = new(MeterName);
}
