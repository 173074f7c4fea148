namespace Partnership.FaultTests;

/// <summary>The figures of one fault scenario, as the issue asks them to be printed.</summary>
public sealed record FaultResult(
    string Fault, int Onboardings, int Created, int Provisioned, int OneEmail, int NoEmail, int SeveralEmails, int Unknown,
    int Failed, TimeSpan? Recovery, string Note)
{
    public int Lost => Onboardings - Provisioned;

    public static string Header =>
        $"{"fault",-42} {"onboardings",11} {"provisioned",11} {"emails 1/0/>1",13} {"UNKNOWN",7} {"FAILED",6} {"recovery",9}  note";

    public override string ToString() =>
        $"{Fault,-42} {Onboardings,11} {Provisioned,11} {$"{OneEmail}/{NoEmail}/{SeveralEmails}",13} {Unknown,7} {Failed,6} " +
        $"{(Recovery is { } r ? $"{r.TotalSeconds:0.0} s" : "never"),9}  {Note}";
}
