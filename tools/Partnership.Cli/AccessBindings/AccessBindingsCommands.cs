using System.CommandLine;
using Partnership.Cli.Hosting;
using Partnership.Contracts.Identity.V1;

namespace Partnership.Cli.AccessBindings;

/// <summary>Who holds which role on a resource (Identity/Roles service, partnership.identity.v1.AccessBindings).</summary>
public static class AccessBindingsCommands
{
    private static readonly string[] Columns = ["resource_type", "resource_id", "subject_account_id", "role_id"];

    public static Command Create() => new Command("access-bindings", "Roles on a billing account, an organization or a cloud")
        .With(List(), Update());

    private static Contracts.Identity.V1.AccessBindings.AccessBindingsClient Client(Session session) => new(session.Channel("identity"));

    private static Option<ResourceType> Type() => ProtoEnumOption.Create<ResourceType>("--resource-type", "The kind of resource", required: true);

    private static Option<string> Id() => new("--resource-id") { Description = "The resource's ID (dn2..., bpf..., b1g...)", Required = true };

    private static Command List()
    {
        var (type, id) = (Type(), Id());
        return new Command("list", "The bindings on one resource (ListAccessBindings)")
            .With(type, id)
            .WithPaging()
            .Does(async (parse, session, cancel) =>
            {
                var response = await Paging.Fetch(parse, (size, token) => Client(session).ListAccessBindingsAsync(new ListAccessBindingsRequest
                {
                    ResourceType = parse.GetValue(type), ResourceId = parse.GetRequiredValue(id), PageSize = size, PageToken = token,
                }, session.Auth, cancellationToken: cancel).ResponseAsync);
                session.Output.List(response, response.AccessBindings, Columns);
            });
    }

    private static Command Update()
    {
        var (type, id) = (Type(), Id());
        var add = new Option<string[]>("--add")
        {
            Description = "ACCOUNT or ACCOUNT:ROLE to grant (no role: the resource type's default); repeatable",
            AllowMultipleArgumentsPerToken = false,
        };
        var remove = new Option<string[]>("--remove") { Description = "ACCOUNT:ROLE to revoke; repeatable" };
        var command = new Command("update",
                "Grant and revoke roles on a cloud or a billing account in one change (UpdateAccessBindings): removals first, then additions")
            .With(type, id, add, remove);
        command.Validators.Add(result =>
        {
            if ((result.GetValue(add)?.Length ?? 0) + (result.GetValue(remove)?.Length ?? 0) == 0)
                result.AddError("Give at least one --add or --remove.");
            if (result.GetValue(remove)?.FirstOrDefault(r => !r.Contains(':')) is { } bare)
                result.AddError($"--remove takes ACCOUNT:ROLE, not '{bare}'.");
        });
        return command.Does(async (parse, session, cancel) =>
        {
            var request = new UpdateAccessBindingsRequest { ResourceType = parse.GetValue(type), ResourceId = parse.GetRequiredValue(id) };
            request.Deltas.AddRange((parse.GetValue(remove) ?? []).Select(r => Delta(AccessBindingDelta.Types.Action.Remove, r)));
            request.Deltas.AddRange((parse.GetValue(add) ?? []).Select(a => Delta(AccessBindingDelta.Types.Action.Add, a)));
            var response = await Client(session).UpdateAccessBindingsAsync(request, session.Auth, cancellationToken: cancel);
            session.Output.List(response, response.AccessBindings, Columns);
        });
    }

    private static AccessBindingDelta Delta(AccessBindingDelta.Types.Action action, string value)
    {
        var parts = value.Split(':', 2);
        return new AccessBindingDelta { Action = action, SubjectAccountId = parts[0], RoleId = parts.Length > 1 ? parts[1] : "" };
    }
}
