using System.CommandLine;
using Google.Protobuf;

namespace Partnership.Cli.Hosting;

/// <summary>The paging flags of a list command, and fetching one page or, with --all, every page into one response.</summary>
public static class Paging
{
    private const int AllPageSize = 100;

    public static readonly Option<int> PageSize = new("--page-size")
    {
        Description = "Items per page, 1-100 (default: the RPC's own default)",
    };

    public static readonly Option<string?> PageToken = new("--page-token")
    {
        Description = "The next_page_token of a previous page",
    };

    public static readonly Option<bool> All = new("--all")
    {
        Description = "Fetch every page and print them as one list",
    };

    public static Command WithPaging(this Command command)
    {
        command.Add(PageSize);
        command.Add(PageToken);
        command.Add(All);
        return command;
    }

    /// <param name="call">One page: (page_size, page_token) to the response.</param>
    public static async Task<T> Fetch<T>(ParseResult parse, Func<int, string, Task<T>> call) where T : IMessage<T>
    {
        var size = parse.GetValue(PageSize);
        var token = parse.GetValue(PageToken) ?? "";
        if (!parse.GetValue(All)) return await call(size, token);

        if (size == 0) size = AllPageSize;
        var all = await call(size, token);
        var next = NextToken(all);
        while (next != "")
        {
            var page = await call(size, next);
            // Repeated fields append; the token is cleared below, as on a last page.
            all.MergeFrom(page);
            next = NextToken(page);
        }
        all.Descriptor.FindFieldByName("next_page_token").Accessor.Clear(all);
        return all;
    }

    private static string NextToken(IMessage response) => (string)response.Descriptor.FindFieldByName("next_page_token").Accessor.GetValue(response);
}
