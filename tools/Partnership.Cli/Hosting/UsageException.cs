namespace Partnership.Cli.Hosting;

/// <summary>A mistake in the command line or the configuration the parser cannot see (e.g. a profile that does not exist): exit 2.</summary>
public sealed class UsageException(string message) : Exception(message);
