# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_webpubsub_global_optspecs
    string join \n color= query= h/help V/version
end

function __fish_webpubsub_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_webpubsub_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_webpubsub_using_subcommand
    set -l cmd (__fish_webpubsub_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c webpubsub -n "__fish_webpubsub_needs_command" -l color -d 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c webpubsub -n "__fish_webpubsub_needs_command" -l query -d 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)' -r
complete -c webpubsub -n "__fish_webpubsub_needs_command" -s h -l help -d 'Print help'
complete -c webpubsub -n "__fish_webpubsub_needs_command" -s V -l version -d 'Print version'
complete -c webpubsub -n "__fish_webpubsub_needs_command" -f -a "service" -d 'Call the REST data plane: send messages, manage groups, connections, users and permissions'
complete -c webpubsub -n "__fish_webpubsub_needs_command" -f -a "client" -d 'Client-side tools: mint a client access token or URL locally'
complete -c webpubsub -n "__fish_webpubsub_needs_command" -f -a "token" -d 'Inspect tokens: decode a JWT and check its signature'
complete -c webpubsub -n "__fish_webpubsub_needs_command" -f -a "key" -d 'Show or regenerate a resource\'s access keys (through Azure Resource Manager, as az does)'
complete -c webpubsub -n "__fish_webpubsub_needs_command" -f -a "hub" -d 'Create, update, show, list or delete a hub\'s settings: event handlers, anonymous connections, keep-alive (through Azure Resource Manager, as az does)'
complete -c webpubsub -n "__fish_webpubsub_needs_command" -f -a "emulator" -d 'Run a local Azure Web PubSub service: REST API, client WebSockets and JWT auth, no Azure account needed'
complete -c webpubsub -n "__fish_webpubsub_needs_command" -f -a "completions" -d 'Print a shell completion script (bash, zsh, fish, powershell, elvish) to stdout'
complete -c webpubsub -n "__fish_webpubsub_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and not __fish_seen_subcommand_from broadcast connection group user permission close-all add-to-groups remove-from-groups health token apply help" -l connection-string -d 'Connection string: Endpoint=https://<name>.webpubsub.azure.com;AccessKey=<key>;Version=1.0; or, to sign in with a managed identity, Endpoint=…;AuthType=azure.msi[;ClientId=<id>]; [default: the local emulator\'s, Endpoint=http://localhost:8080;…]' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and not __fish_seen_subcommand_from broadcast connection group user permission close-all add-to-groups remove-from-groups health token apply help" -l endpoint -d 'Service endpoint, with --access-key, or alone to sign in with Entra ID' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and not __fish_seen_subcommand_from broadcast connection group user permission close-all add-to-groups remove-from-groups health token apply help" -l access-key -d 'Access key for --endpoint' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and not __fish_seen_subcommand_from broadcast connection group user permission close-all add-to-groups remove-from-groups health token apply help" -l hub-name -l hub -d 'Hub name (case-insensitive on the service)' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and not __fish_seen_subcommand_from broadcast connection group user permission close-all add-to-groups remove-from-groups health token apply help" -s n -l name -d 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and not __fish_seen_subcommand_from broadcast connection group user permission close-all add-to-groups remove-from-groups health token apply help" -s g -l resource-group -d 'Resource group of the resource' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and not __fish_seen_subcommand_from broadcast connection group user permission close-all add-to-groups remove-from-groups health token apply help" -l subscription -d 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az\'s default subscription]' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and not __fish_seen_subcommand_from broadcast connection group user permission close-all add-to-groups remove-from-groups health token apply help" -l ids -d 'The resource\'s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and not __fish_seen_subcommand_from broadcast connection group user permission close-all add-to-groups remove-from-groups health token apply help" -l arm-endpoint -d 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and not __fish_seen_subcommand_from broadcast connection group user permission close-all add-to-groups remove-from-groups health token apply help" -l auth -d 'How to sign data-plane requests: key (an access key: from the connection string, or listed through Azure Resource Manager with -n/-g) or entra (an Entra ID token: az login, azd, a service principal, workload or managed identity from the environment) [default: key when one is available, else entra]' -r -f -a "key\t'An access key (a token signed per request)'
entra\t'An Entra ID token (scope https://webpubsub.azure.com/.default)'"
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and not __fish_seen_subcommand_from broadcast connection group user permission close-all add-to-groups remove-from-groups health token apply help" -l reverse-proxy -d 'Send requests (and client connections) through this reverse proxy, e.g. an Azure Application Gateway in front of the service; tokens still name the service\'s endpoint' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and not __fish_seen_subcommand_from broadcast connection group user permission close-all add-to-groups remove-from-groups health token apply help" -l api-version -d 'REST api-version to call [default: 2024-01-01; 2024-12-01 for group list-connections]' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and not __fish_seen_subcommand_from broadcast connection group user permission close-all add-to-groups remove-from-groups health token apply help" -s o -l output -d 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json' -r -f -a "json\t'JSON, the same shapes as `az` (e.g. {"existence": true})'
table\t'An aligned table with a header row'
tsv\t'Tab-separated values, no header: for `cut`, `read` and friends'
none\t'Nothing: the exit code is the answer'"
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and not __fish_seen_subcommand_from broadcast connection group user permission close-all add-to-groups remove-from-groups health token apply help" -l timeout -d 'Seconds the whole operation may take, retries and their waits included (for `apply`, each action; for `list-connections`, all pages). A retry that would end later is not made' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and not __fish_seen_subcommand_from broadcast connection group user permission close-all add-to-groups remove-from-groups health token apply help" -l retries -d 'Retries on 429, 5xx and connection failures (with backoff, honouring Retry-After as seconds or a date), within --timeout' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and not __fish_seen_subcommand_from broadcast connection group user permission close-all add-to-groups remove-from-groups health token apply help" -l color -d 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and not __fish_seen_subcommand_from broadcast connection group user permission close-all add-to-groups remove-from-groups health token apply help" -l query -d 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and not __fish_seen_subcommand_from broadcast connection group user permission close-all add-to-groups remove-from-groups health token apply help" -l exit-zero -d 'exist and permission check: answer `false` with exit 0 (as az does) instead of exit 1, for scripts that read the answer rather than the exit code'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and not __fish_seen_subcommand_from broadcast connection group user permission close-all add-to-groups remove-from-groups health token apply help" -l debug -l verbose -d 'Print each HTTP request and response on stderr (access key and tokens redacted)'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and not __fish_seen_subcommand_from broadcast connection group user permission close-all add-to-groups remove-from-groups health token apply help" -l dry-run -d 'Print the request that would be sent, and send nothing'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and not __fish_seen_subcommand_from broadcast connection group user permission close-all add-to-groups remove-from-groups health token apply help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and not __fish_seen_subcommand_from broadcast connection group user permission close-all add-to-groups remove-from-groups health token apply help" -s V -l version -d 'Print version'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and not __fish_seen_subcommand_from broadcast connection group user permission close-all add-to-groups remove-from-groups health token apply help" -f -a "broadcast" -d 'Send a message to every connection of the hub'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and not __fish_seen_subcommand_from broadcast connection group user permission close-all add-to-groups remove-from-groups health token apply help" -f -a "connection" -d 'Send to, check, close a connection, or remove it from all its groups'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and not __fish_seen_subcommand_from broadcast connection group user permission close-all add-to-groups remove-from-groups health token apply help" -f -a "group" -d 'Send to a group, manage its members, check or close it'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and not __fish_seen_subcommand_from broadcast connection group user permission close-all add-to-groups remove-from-groups health token apply help" -f -a "user" -d 'Send to a user, check, close, or remove it from all groups'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and not __fish_seen_subcommand_from broadcast connection group user permission close-all add-to-groups remove-from-groups health token apply help" -f -a "permission" -d 'Grant, revoke or check a connection\'s permission on a group'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and not __fish_seen_subcommand_from broadcast connection group user permission close-all add-to-groups remove-from-groups health token apply help" -f -a "close-all" -d 'Close every connection of the hub'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and not __fish_seen_subcommand_from broadcast connection group user permission close-all add-to-groups remove-from-groups health token apply help" -f -a "add-to-groups" -d 'Add every connection a filter selects to groups'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and not __fish_seen_subcommand_from broadcast connection group user permission close-all add-to-groups remove-from-groups health token apply help" -f -a "remove-from-groups" -d 'Remove every connection a filter selects from groups'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and not __fish_seen_subcommand_from broadcast connection group user permission close-all add-to-groups remove-from-groups health token apply help" -f -a "health" -d 'Check that the service answers (HEAD /api/health)'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and not __fish_seen_subcommand_from broadcast connection group user permission close-all add-to-groups remove-from-groups health token apply help" -f -a "token" -d 'Ask the service to generate a client access token (:generateToken)'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and not __fish_seen_subcommand_from broadcast connection group user permission close-all add-to-groups remove-from-groups health token apply help" -f -a "apply" -d 'Run a list of actions (Azure Functions output-binding shape) from a file or stdin'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and not __fish_seen_subcommand_from broadcast connection group user permission close-all add-to-groups remove-from-groups health token apply help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from broadcast" -l payload -d 'The message, as text (sent as text/plain unless --content-type says otherwise)' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from broadcast" -l payload-file -d 'Read the message from a file, or - for stdin (sent as application/octet-stream unless --content-type says otherwise)' -r -F
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from broadcast" -l content-type -d 'text (text/plain), json (application/json, checked before sending) or binary (application/octet-stream)' -r -f -a "text\t''
json\t''
binary\t''"
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from broadcast" -l excluded -d 'Leave out this connection (repeatable)' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from broadcast" -l filter -d 'OData filter selecting recipients, e.g. "userId ne \'bob\'" or "\'g1\' in groups"' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from broadcast" -l ttl -d 'Drop the message for receivers that have not taken it within this many seconds (0-300; 0, the default, never expires). REST `messageTtlSeconds`' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from broadcast" -l metadata -d 'A metadata pair for the receivers (repeatable), sent as an `X-WebPubSub-Metadata-KEY` header; JSON clients get it in the message\'s `metadata`. KEY: letters, digits and !#$%&\'*+-.^_`|~; VALUE: ASCII, at most 1024 bytes' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from broadcast" -l connection-string -d 'Connection string: Endpoint=https://<name>.webpubsub.azure.com;AccessKey=<key>;Version=1.0; or, to sign in with a managed identity, Endpoint=…;AuthType=azure.msi[;ClientId=<id>]; [default: the local emulator\'s, Endpoint=http://localhost:8080;…]' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from broadcast" -l endpoint -d 'Service endpoint, with --access-key, or alone to sign in with Entra ID' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from broadcast" -l access-key -d 'Access key for --endpoint' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from broadcast" -l hub-name -l hub -d 'Hub name (case-insensitive on the service)' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from broadcast" -s n -l name -d 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from broadcast" -s g -l resource-group -d 'Resource group of the resource' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from broadcast" -l subscription -d 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az\'s default subscription]' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from broadcast" -l ids -d 'The resource\'s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from broadcast" -l arm-endpoint -d 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from broadcast" -l auth -d 'How to sign data-plane requests: key (an access key: from the connection string, or listed through Azure Resource Manager with -n/-g) or entra (an Entra ID token: az login, azd, a service principal, workload or managed identity from the environment) [default: key when one is available, else entra]' -r -f -a "key\t'An access key (a token signed per request)'
entra\t'An Entra ID token (scope https://webpubsub.azure.com/.default)'"
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from broadcast" -l reverse-proxy -d 'Send requests (and client connections) through this reverse proxy, e.g. an Azure Application Gateway in front of the service; tokens still name the service\'s endpoint' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from broadcast" -l api-version -d 'REST api-version to call [default: 2024-01-01; 2024-12-01 for group list-connections]' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from broadcast" -s o -l output -d 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json' -r -f -a "json\t'JSON, the same shapes as `az` (e.g. {"existence": true})'
table\t'An aligned table with a header row'
tsv\t'Tab-separated values, no header: for `cut`, `read` and friends'
none\t'Nothing: the exit code is the answer'"
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from broadcast" -l timeout -d 'Seconds the whole operation may take, retries and their waits included (for `apply`, each action; for `list-connections`, all pages). A retry that would end later is not made' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from broadcast" -l retries -d 'Retries on 429, 5xx and connection failures (with backoff, honouring Retry-After as seconds or a date), within --timeout' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from broadcast" -l color -d 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from broadcast" -l query -d 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from broadcast" -l exit-zero -d 'exist and permission check: answer `false` with exit 0 (as az does) instead of exit 1, for scripts that read the answer rather than the exit code'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from broadcast" -l debug -l verbose -d 'Print each HTTP request and response on stderr (access key and tokens redacted)'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from broadcast" -l dry-run -d 'Print the request that would be sent, and send nothing'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from broadcast" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from broadcast" -s V -l version -d 'Print version'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from connection" -l connection-string -d 'Connection string: Endpoint=https://<name>.webpubsub.azure.com;AccessKey=<key>;Version=1.0; or, to sign in with a managed identity, Endpoint=…;AuthType=azure.msi[;ClientId=<id>]; [default: the local emulator\'s, Endpoint=http://localhost:8080;…]' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from connection" -l endpoint -d 'Service endpoint, with --access-key, or alone to sign in with Entra ID' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from connection" -l access-key -d 'Access key for --endpoint' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from connection" -l hub-name -l hub -d 'Hub name (case-insensitive on the service)' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from connection" -s n -l name -d 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from connection" -s g -l resource-group -d 'Resource group of the resource' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from connection" -l subscription -d 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az\'s default subscription]' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from connection" -l ids -d 'The resource\'s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from connection" -l arm-endpoint -d 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from connection" -l auth -d 'How to sign data-plane requests: key (an access key: from the connection string, or listed through Azure Resource Manager with -n/-g) or entra (an Entra ID token: az login, azd, a service principal, workload or managed identity from the environment) [default: key when one is available, else entra]' -r -f -a "key\t'An access key (a token signed per request)'
entra\t'An Entra ID token (scope https://webpubsub.azure.com/.default)'"
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from connection" -l reverse-proxy -d 'Send requests (and client connections) through this reverse proxy, e.g. an Azure Application Gateway in front of the service; tokens still name the service\'s endpoint' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from connection" -l api-version -d 'REST api-version to call [default: 2024-01-01; 2024-12-01 for group list-connections]' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from connection" -s o -l output -d 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json' -r -f -a "json\t'JSON, the same shapes as `az` (e.g. {"existence": true})'
table\t'An aligned table with a header row'
tsv\t'Tab-separated values, no header: for `cut`, `read` and friends'
none\t'Nothing: the exit code is the answer'"
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from connection" -l timeout -d 'Seconds the whole operation may take, retries and their waits included (for `apply`, each action; for `list-connections`, all pages). A retry that would end later is not made' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from connection" -l retries -d 'Retries on 429, 5xx and connection failures (with backoff, honouring Retry-After as seconds or a date), within --timeout' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from connection" -l color -d 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from connection" -l query -d 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from connection" -l exit-zero -d 'exist and permission check: answer `false` with exit 0 (as az does) instead of exit 1, for scripts that read the answer rather than the exit code'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from connection" -l debug -l verbose -d 'Print each HTTP request and response on stderr (access key and tokens redacted)'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from connection" -l dry-run -d 'Print the request that would be sent, and send nothing'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from connection" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from connection" -s V -l version -d 'Print version'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from connection" -f -a "send" -d 'Send a message to one connection (202 even if it does not exist)'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from connection" -f -a "exist" -d 'Exit 0 if the connection exists, 1 if not'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from connection" -f -a "exists" -d 'Exit 0 if the connection exists, 1 if not'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from connection" -f -a "close" -d 'Close a connection'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from connection" -f -a "remove-from-all-groups" -d 'Remove a connection from all its groups'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from connection" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from group" -l connection-string -d 'Connection string: Endpoint=https://<name>.webpubsub.azure.com;AccessKey=<key>;Version=1.0; or, to sign in with a managed identity, Endpoint=…;AuthType=azure.msi[;ClientId=<id>]; [default: the local emulator\'s, Endpoint=http://localhost:8080;…]' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from group" -l endpoint -d 'Service endpoint, with --access-key, or alone to sign in with Entra ID' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from group" -l access-key -d 'Access key for --endpoint' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from group" -l hub-name -l hub -d 'Hub name (case-insensitive on the service)' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from group" -s n -l name -d 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from group" -s g -l resource-group -d 'Resource group of the resource' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from group" -l subscription -d 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az\'s default subscription]' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from group" -l ids -d 'The resource\'s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from group" -l arm-endpoint -d 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from group" -l auth -d 'How to sign data-plane requests: key (an access key: from the connection string, or listed through Azure Resource Manager with -n/-g) or entra (an Entra ID token: az login, azd, a service principal, workload or managed identity from the environment) [default: key when one is available, else entra]' -r -f -a "key\t'An access key (a token signed per request)'
entra\t'An Entra ID token (scope https://webpubsub.azure.com/.default)'"
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from group" -l reverse-proxy -d 'Send requests (and client connections) through this reverse proxy, e.g. an Azure Application Gateway in front of the service; tokens still name the service\'s endpoint' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from group" -l api-version -d 'REST api-version to call [default: 2024-01-01; 2024-12-01 for group list-connections]' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from group" -s o -l output -d 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json' -r -f -a "json\t'JSON, the same shapes as `az` (e.g. {"existence": true})'
table\t'An aligned table with a header row'
tsv\t'Tab-separated values, no header: for `cut`, `read` and friends'
none\t'Nothing: the exit code is the answer'"
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from group" -l timeout -d 'Seconds the whole operation may take, retries and their waits included (for `apply`, each action; for `list-connections`, all pages). A retry that would end later is not made' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from group" -l retries -d 'Retries on 429, 5xx and connection failures (with backoff, honouring Retry-After as seconds or a date), within --timeout' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from group" -l color -d 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from group" -l query -d 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from group" -l exit-zero -d 'exist and permission check: answer `false` with exit 0 (as az does) instead of exit 1, for scripts that read the answer rather than the exit code'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from group" -l debug -l verbose -d 'Print each HTTP request and response on stderr (access key and tokens redacted)'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from group" -l dry-run -d 'Print the request that would be sent, and send nothing'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from group" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from group" -s V -l version -d 'Print version'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from group" -f -a "send" -d 'Send a message to every connection in a group'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from group" -f -a "add-connection" -d 'Add a connection to a group'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from group" -f -a "remove-connection" -d 'Remove a connection from a group'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from group" -f -a "add-user" -d 'Add every connection of a user to a group'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from group" -f -a "remove-user" -d 'Remove a user from a group (or, without --group-name, from all groups, as az does)'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from group" -f -a "exist" -d 'Exit 0 if the group has connections, 1 if not'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from group" -f -a "exists" -d 'Exit 0 if the group has connections, 1 if not'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from group" -f -a "close" -d 'Close every connection in a group'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from group" -f -a "list-connections" -d 'List the connections in a group (api-version 2024-12-01)'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from group" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from user" -l connection-string -d 'Connection string: Endpoint=https://<name>.webpubsub.azure.com;AccessKey=<key>;Version=1.0; or, to sign in with a managed identity, Endpoint=…;AuthType=azure.msi[;ClientId=<id>]; [default: the local emulator\'s, Endpoint=http://localhost:8080;…]' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from user" -l endpoint -d 'Service endpoint, with --access-key, or alone to sign in with Entra ID' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from user" -l access-key -d 'Access key for --endpoint' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from user" -l hub-name -l hub -d 'Hub name (case-insensitive on the service)' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from user" -s n -l name -d 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from user" -s g -l resource-group -d 'Resource group of the resource' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from user" -l subscription -d 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az\'s default subscription]' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from user" -l ids -d 'The resource\'s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from user" -l arm-endpoint -d 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from user" -l auth -d 'How to sign data-plane requests: key (an access key: from the connection string, or listed through Azure Resource Manager with -n/-g) or entra (an Entra ID token: az login, azd, a service principal, workload or managed identity from the environment) [default: key when one is available, else entra]' -r -f -a "key\t'An access key (a token signed per request)'
entra\t'An Entra ID token (scope https://webpubsub.azure.com/.default)'"
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from user" -l reverse-proxy -d 'Send requests (and client connections) through this reverse proxy, e.g. an Azure Application Gateway in front of the service; tokens still name the service\'s endpoint' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from user" -l api-version -d 'REST api-version to call [default: 2024-01-01; 2024-12-01 for group list-connections]' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from user" -s o -l output -d 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json' -r -f -a "json\t'JSON, the same shapes as `az` (e.g. {"existence": true})'
table\t'An aligned table with a header row'
tsv\t'Tab-separated values, no header: for `cut`, `read` and friends'
none\t'Nothing: the exit code is the answer'"
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from user" -l timeout -d 'Seconds the whole operation may take, retries and their waits included (for `apply`, each action; for `list-connections`, all pages). A retry that would end later is not made' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from user" -l retries -d 'Retries on 429, 5xx and connection failures (with backoff, honouring Retry-After as seconds or a date), within --timeout' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from user" -l color -d 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from user" -l query -d 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from user" -l exit-zero -d 'exist and permission check: answer `false` with exit 0 (as az does) instead of exit 1, for scripts that read the answer rather than the exit code'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from user" -l debug -l verbose -d 'Print each HTTP request and response on stderr (access key and tokens redacted)'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from user" -l dry-run -d 'Print the request that would be sent, and send nothing'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from user" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from user" -s V -l version -d 'Print version'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from user" -f -a "send" -d 'Send a message to every connection of a user'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from user" -f -a "exist" -d 'Exit 0 if the user has connections, 1 if not'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from user" -f -a "exists" -d 'Exit 0 if the user has connections, 1 if not'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from user" -f -a "close" -d 'Close every connection of a user'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from user" -f -a "remove-from-all-groups" -d 'Remove a user from all groups'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from user" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from permission" -l connection-string -d 'Connection string: Endpoint=https://<name>.webpubsub.azure.com;AccessKey=<key>;Version=1.0; or, to sign in with a managed identity, Endpoint=…;AuthType=azure.msi[;ClientId=<id>]; [default: the local emulator\'s, Endpoint=http://localhost:8080;…]' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from permission" -l endpoint -d 'Service endpoint, with --access-key, or alone to sign in with Entra ID' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from permission" -l access-key -d 'Access key for --endpoint' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from permission" -l hub-name -l hub -d 'Hub name (case-insensitive on the service)' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from permission" -s n -l name -d 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from permission" -s g -l resource-group -d 'Resource group of the resource' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from permission" -l subscription -d 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az\'s default subscription]' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from permission" -l ids -d 'The resource\'s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from permission" -l arm-endpoint -d 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from permission" -l auth -d 'How to sign data-plane requests: key (an access key: from the connection string, or listed through Azure Resource Manager with -n/-g) or entra (an Entra ID token: az login, azd, a service principal, workload or managed identity from the environment) [default: key when one is available, else entra]' -r -f -a "key\t'An access key (a token signed per request)'
entra\t'An Entra ID token (scope https://webpubsub.azure.com/.default)'"
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from permission" -l reverse-proxy -d 'Send requests (and client connections) through this reverse proxy, e.g. an Azure Application Gateway in front of the service; tokens still name the service\'s endpoint' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from permission" -l api-version -d 'REST api-version to call [default: 2024-01-01; 2024-12-01 for group list-connections]' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from permission" -s o -l output -d 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json' -r -f -a "json\t'JSON, the same shapes as `az` (e.g. {"existence": true})'
table\t'An aligned table with a header row'
tsv\t'Tab-separated values, no header: for `cut`, `read` and friends'
none\t'Nothing: the exit code is the answer'"
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from permission" -l timeout -d 'Seconds the whole operation may take, retries and their waits included (for `apply`, each action; for `list-connections`, all pages). A retry that would end later is not made' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from permission" -l retries -d 'Retries on 429, 5xx and connection failures (with backoff, honouring Retry-After as seconds or a date), within --timeout' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from permission" -l color -d 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from permission" -l query -d 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from permission" -l exit-zero -d 'exist and permission check: answer `false` with exit 0 (as az does) instead of exit 1, for scripts that read the answer rather than the exit code'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from permission" -l debug -l verbose -d 'Print each HTTP request and response on stderr (access key and tokens redacted)'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from permission" -l dry-run -d 'Print the request that would be sent, and send nothing'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from permission" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from permission" -s V -l version -d 'Print version'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from permission" -f -a "grant" -d 'Grant a connection a permission on a group'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from permission" -f -a "revoke" -d 'Revoke a connection\'s permission on a group'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from permission" -f -a "check" -d 'Exit 0 if the connection has the permission, 1 if not'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from permission" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from close-all" -l excluded -d 'Keep this connection open (repeatable)' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from close-all" -l reason -d 'Reason, shown to the clients in their `disconnected` message' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from close-all" -l connection-string -d 'Connection string: Endpoint=https://<name>.webpubsub.azure.com;AccessKey=<key>;Version=1.0; or, to sign in with a managed identity, Endpoint=…;AuthType=azure.msi[;ClientId=<id>]; [default: the local emulator\'s, Endpoint=http://localhost:8080;…]' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from close-all" -l endpoint -d 'Service endpoint, with --access-key, or alone to sign in with Entra ID' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from close-all" -l access-key -d 'Access key for --endpoint' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from close-all" -l hub-name -l hub -d 'Hub name (case-insensitive on the service)' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from close-all" -s n -l name -d 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from close-all" -s g -l resource-group -d 'Resource group of the resource' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from close-all" -l subscription -d 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az\'s default subscription]' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from close-all" -l ids -d 'The resource\'s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from close-all" -l arm-endpoint -d 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from close-all" -l auth -d 'How to sign data-plane requests: key (an access key: from the connection string, or listed through Azure Resource Manager with -n/-g) or entra (an Entra ID token: az login, azd, a service principal, workload or managed identity from the environment) [default: key when one is available, else entra]' -r -f -a "key\t'An access key (a token signed per request)'
entra\t'An Entra ID token (scope https://webpubsub.azure.com/.default)'"
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from close-all" -l reverse-proxy -d 'Send requests (and client connections) through this reverse proxy, e.g. an Azure Application Gateway in front of the service; tokens still name the service\'s endpoint' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from close-all" -l api-version -d 'REST api-version to call [default: 2024-01-01; 2024-12-01 for group list-connections]' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from close-all" -s o -l output -d 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json' -r -f -a "json\t'JSON, the same shapes as `az` (e.g. {"existence": true})'
table\t'An aligned table with a header row'
tsv\t'Tab-separated values, no header: for `cut`, `read` and friends'
none\t'Nothing: the exit code is the answer'"
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from close-all" -l timeout -d 'Seconds the whole operation may take, retries and their waits included (for `apply`, each action; for `list-connections`, all pages). A retry that would end later is not made' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from close-all" -l retries -d 'Retries on 429, 5xx and connection failures (with backoff, honouring Retry-After as seconds or a date), within --timeout' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from close-all" -l color -d 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from close-all" -l query -d 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from close-all" -l exit-zero -d 'exist and permission check: answer `false` with exit 0 (as az does) instead of exit 1, for scripts that read the answer rather than the exit code'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from close-all" -l debug -l verbose -d 'Print each HTTP request and response on stderr (access key and tokens redacted)'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from close-all" -l dry-run -d 'Print the request that would be sent, and send nothing'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from close-all" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from close-all" -s V -l version -d 'Print version'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from add-to-groups" -l group -l group-name -d 'Group to add to or remove from (repeatable)' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from add-to-groups" -l filter -d 'OData filter selecting the connections, e.g. "userId eq \'alice\'"' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from add-to-groups" -l connection-string -d 'Connection string: Endpoint=https://<name>.webpubsub.azure.com;AccessKey=<key>;Version=1.0; or, to sign in with a managed identity, Endpoint=…;AuthType=azure.msi[;ClientId=<id>]; [default: the local emulator\'s, Endpoint=http://localhost:8080;…]' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from add-to-groups" -l endpoint -d 'Service endpoint, with --access-key, or alone to sign in with Entra ID' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from add-to-groups" -l access-key -d 'Access key for --endpoint' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from add-to-groups" -l hub-name -l hub -d 'Hub name (case-insensitive on the service)' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from add-to-groups" -s n -l name -d 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from add-to-groups" -s g -l resource-group -d 'Resource group of the resource' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from add-to-groups" -l subscription -d 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az\'s default subscription]' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from add-to-groups" -l ids -d 'The resource\'s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from add-to-groups" -l arm-endpoint -d 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from add-to-groups" -l auth -d 'How to sign data-plane requests: key (an access key: from the connection string, or listed through Azure Resource Manager with -n/-g) or entra (an Entra ID token: az login, azd, a service principal, workload or managed identity from the environment) [default: key when one is available, else entra]' -r -f -a "key\t'An access key (a token signed per request)'
entra\t'An Entra ID token (scope https://webpubsub.azure.com/.default)'"
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from add-to-groups" -l reverse-proxy -d 'Send requests (and client connections) through this reverse proxy, e.g. an Azure Application Gateway in front of the service; tokens still name the service\'s endpoint' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from add-to-groups" -l api-version -d 'REST api-version to call [default: 2024-01-01; 2024-12-01 for group list-connections]' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from add-to-groups" -s o -l output -d 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json' -r -f -a "json\t'JSON, the same shapes as `az` (e.g. {"existence": true})'
table\t'An aligned table with a header row'
tsv\t'Tab-separated values, no header: for `cut`, `read` and friends'
none\t'Nothing: the exit code is the answer'"
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from add-to-groups" -l timeout -d 'Seconds the whole operation may take, retries and their waits included (for `apply`, each action; for `list-connections`, all pages). A retry that would end later is not made' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from add-to-groups" -l retries -d 'Retries on 429, 5xx and connection failures (with backoff, honouring Retry-After as seconds or a date), within --timeout' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from add-to-groups" -l color -d 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from add-to-groups" -l query -d 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from add-to-groups" -l exit-zero -d 'exist and permission check: answer `false` with exit 0 (as az does) instead of exit 1, for scripts that read the answer rather than the exit code'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from add-to-groups" -l debug -l verbose -d 'Print each HTTP request and response on stderr (access key and tokens redacted)'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from add-to-groups" -l dry-run -d 'Print the request that would be sent, and send nothing'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from add-to-groups" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from add-to-groups" -s V -l version -d 'Print version'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from remove-from-groups" -l group -l group-name -d 'Group to add to or remove from (repeatable)' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from remove-from-groups" -l filter -d 'OData filter selecting the connections, e.g. "userId eq \'alice\'"' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from remove-from-groups" -l connection-string -d 'Connection string: Endpoint=https://<name>.webpubsub.azure.com;AccessKey=<key>;Version=1.0; or, to sign in with a managed identity, Endpoint=…;AuthType=azure.msi[;ClientId=<id>]; [default: the local emulator\'s, Endpoint=http://localhost:8080;…]' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from remove-from-groups" -l endpoint -d 'Service endpoint, with --access-key, or alone to sign in with Entra ID' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from remove-from-groups" -l access-key -d 'Access key for --endpoint' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from remove-from-groups" -l hub-name -l hub -d 'Hub name (case-insensitive on the service)' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from remove-from-groups" -s n -l name -d 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from remove-from-groups" -s g -l resource-group -d 'Resource group of the resource' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from remove-from-groups" -l subscription -d 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az\'s default subscription]' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from remove-from-groups" -l ids -d 'The resource\'s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from remove-from-groups" -l arm-endpoint -d 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from remove-from-groups" -l auth -d 'How to sign data-plane requests: key (an access key: from the connection string, or listed through Azure Resource Manager with -n/-g) or entra (an Entra ID token: az login, azd, a service principal, workload or managed identity from the environment) [default: key when one is available, else entra]' -r -f -a "key\t'An access key (a token signed per request)'
entra\t'An Entra ID token (scope https://webpubsub.azure.com/.default)'"
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from remove-from-groups" -l reverse-proxy -d 'Send requests (and client connections) through this reverse proxy, e.g. an Azure Application Gateway in front of the service; tokens still name the service\'s endpoint' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from remove-from-groups" -l api-version -d 'REST api-version to call [default: 2024-01-01; 2024-12-01 for group list-connections]' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from remove-from-groups" -s o -l output -d 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json' -r -f -a "json\t'JSON, the same shapes as `az` (e.g. {"existence": true})'
table\t'An aligned table with a header row'
tsv\t'Tab-separated values, no header: for `cut`, `read` and friends'
none\t'Nothing: the exit code is the answer'"
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from remove-from-groups" -l timeout -d 'Seconds the whole operation may take, retries and their waits included (for `apply`, each action; for `list-connections`, all pages). A retry that would end later is not made' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from remove-from-groups" -l retries -d 'Retries on 429, 5xx and connection failures (with backoff, honouring Retry-After as seconds or a date), within --timeout' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from remove-from-groups" -l color -d 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from remove-from-groups" -l query -d 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from remove-from-groups" -l exit-zero -d 'exist and permission check: answer `false` with exit 0 (as az does) instead of exit 1, for scripts that read the answer rather than the exit code'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from remove-from-groups" -l debug -l verbose -d 'Print each HTTP request and response on stderr (access key and tokens redacted)'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from remove-from-groups" -l dry-run -d 'Print the request that would be sent, and send nothing'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from remove-from-groups" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from remove-from-groups" -s V -l version -d 'Print version'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from health" -l connection-string -d 'Connection string: Endpoint=https://<name>.webpubsub.azure.com;AccessKey=<key>;Version=1.0; or, to sign in with a managed identity, Endpoint=…;AuthType=azure.msi[;ClientId=<id>]; [default: the local emulator\'s, Endpoint=http://localhost:8080;…]' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from health" -l endpoint -d 'Service endpoint, with --access-key, or alone to sign in with Entra ID' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from health" -l access-key -d 'Access key for --endpoint' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from health" -l hub-name -l hub -d 'Hub name (case-insensitive on the service)' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from health" -s n -l name -d 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from health" -s g -l resource-group -d 'Resource group of the resource' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from health" -l subscription -d 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az\'s default subscription]' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from health" -l ids -d 'The resource\'s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from health" -l arm-endpoint -d 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from health" -l auth -d 'How to sign data-plane requests: key (an access key: from the connection string, or listed through Azure Resource Manager with -n/-g) or entra (an Entra ID token: az login, azd, a service principal, workload or managed identity from the environment) [default: key when one is available, else entra]' -r -f -a "key\t'An access key (a token signed per request)'
entra\t'An Entra ID token (scope https://webpubsub.azure.com/.default)'"
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from health" -l reverse-proxy -d 'Send requests (and client connections) through this reverse proxy, e.g. an Azure Application Gateway in front of the service; tokens still name the service\'s endpoint' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from health" -l api-version -d 'REST api-version to call [default: 2024-01-01; 2024-12-01 for group list-connections]' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from health" -s o -l output -d 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json' -r -f -a "json\t'JSON, the same shapes as `az` (e.g. {"existence": true})'
table\t'An aligned table with a header row'
tsv\t'Tab-separated values, no header: for `cut`, `read` and friends'
none\t'Nothing: the exit code is the answer'"
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from health" -l timeout -d 'Seconds the whole operation may take, retries and their waits included (for `apply`, each action; for `list-connections`, all pages). A retry that would end later is not made' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from health" -l retries -d 'Retries on 429, 5xx and connection failures (with backoff, honouring Retry-After as seconds or a date), within --timeout' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from health" -l color -d 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from health" -l query -d 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from health" -l exit-zero -d 'exist and permission check: answer `false` with exit 0 (as az does) instead of exit 1, for scripts that read the answer rather than the exit code'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from health" -l debug -l verbose -d 'Print each HTTP request and response on stderr (access key and tokens redacted)'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from health" -l dry-run -d 'Print the request that would be sent, and send nothing'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from health" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from health" -s V -l version -d 'Print version'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from token" -l user-id -d 'The user the client connects as' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from token" -l role -d 'Role to grant, e.g. webpubsub.joinLeaveGroup or webpubsub.sendToGroup.g1 (repeatable)' -r -f -a "webpubsub.joinLeaveGroup\t''
webpubsub.sendToGroup\t''"
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from token" -l group -d 'Group to join on connect (repeatable)' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from token" -l expires-in -d 'Minutes until the token expires' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from token" -l client-type -d 'The kind of client, which sets the token\'s audience and the URL: default, mqtt or socketio (case-insensitive)' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from token" -l connection-string -d 'Connection string: Endpoint=https://<name>.webpubsub.azure.com;AccessKey=<key>;Version=1.0; or, to sign in with a managed identity, Endpoint=…;AuthType=azure.msi[;ClientId=<id>]; [default: the local emulator\'s, Endpoint=http://localhost:8080;…]' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from token" -l endpoint -d 'Service endpoint, with --access-key, or alone to sign in with Entra ID' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from token" -l access-key -d 'Access key for --endpoint' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from token" -l hub-name -l hub -d 'Hub name (case-insensitive on the service)' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from token" -s n -l name -d 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from token" -s g -l resource-group -d 'Resource group of the resource' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from token" -l subscription -d 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az\'s default subscription]' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from token" -l ids -d 'The resource\'s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from token" -l arm-endpoint -d 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from token" -l auth -d 'How to sign data-plane requests: key (an access key: from the connection string, or listed through Azure Resource Manager with -n/-g) or entra (an Entra ID token: az login, azd, a service principal, workload or managed identity from the environment) [default: key when one is available, else entra]' -r -f -a "key\t'An access key (a token signed per request)'
entra\t'An Entra ID token (scope https://webpubsub.azure.com/.default)'"
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from token" -l reverse-proxy -d 'Send requests (and client connections) through this reverse proxy, e.g. an Azure Application Gateway in front of the service; tokens still name the service\'s endpoint' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from token" -l api-version -d 'REST api-version to call [default: 2024-01-01; 2024-12-01 for group list-connections]' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from token" -s o -l output -d 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json' -r -f -a "json\t'JSON, the same shapes as `az` (e.g. {"existence": true})'
table\t'An aligned table with a header row'
tsv\t'Tab-separated values, no header: for `cut`, `read` and friends'
none\t'Nothing: the exit code is the answer'"
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from token" -l timeout -d 'Seconds the whole operation may take, retries and their waits included (for `apply`, each action; for `list-connections`, all pages). A retry that would end later is not made' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from token" -l retries -d 'Retries on 429, 5xx and connection failures (with backoff, honouring Retry-After as seconds or a date), within --timeout' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from token" -l color -d 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from token" -l query -d 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from token" -l print-url -d 'Print the full client URL instead of the token'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from token" -l exit-zero -d 'exist and permission check: answer `false` with exit 0 (as az does) instead of exit 1, for scripts that read the answer rather than the exit code'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from token" -l debug -l verbose -d 'Print each HTTP request and response on stderr (access key and tokens redacted)'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from token" -l dry-run -d 'Print the request that would be sent, and send nothing'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from token" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from token" -s V -l version -d 'Print version'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from apply" -l connection-string -d 'Connection string: Endpoint=https://<name>.webpubsub.azure.com;AccessKey=<key>;Version=1.0; or, to sign in with a managed identity, Endpoint=…;AuthType=azure.msi[;ClientId=<id>]; [default: the local emulator\'s, Endpoint=http://localhost:8080;…]' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from apply" -l endpoint -d 'Service endpoint, with --access-key, or alone to sign in with Entra ID' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from apply" -l access-key -d 'Access key for --endpoint' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from apply" -l hub-name -l hub -d 'Hub name (case-insensitive on the service)' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from apply" -s n -l name -d 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from apply" -s g -l resource-group -d 'Resource group of the resource' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from apply" -l subscription -d 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az\'s default subscription]' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from apply" -l ids -d 'The resource\'s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from apply" -l arm-endpoint -d 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from apply" -l auth -d 'How to sign data-plane requests: key (an access key: from the connection string, or listed through Azure Resource Manager with -n/-g) or entra (an Entra ID token: az login, azd, a service principal, workload or managed identity from the environment) [default: key when one is available, else entra]' -r -f -a "key\t'An access key (a token signed per request)'
entra\t'An Entra ID token (scope https://webpubsub.azure.com/.default)'"
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from apply" -l reverse-proxy -d 'Send requests (and client connections) through this reverse proxy, e.g. an Azure Application Gateway in front of the service; tokens still name the service\'s endpoint' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from apply" -l api-version -d 'REST api-version to call [default: 2024-01-01; 2024-12-01 for group list-connections]' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from apply" -s o -l output -d 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json' -r -f -a "json\t'JSON, the same shapes as `az` (e.g. {"existence": true})'
table\t'An aligned table with a header row'
tsv\t'Tab-separated values, no header: for `cut`, `read` and friends'
none\t'Nothing: the exit code is the answer'"
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from apply" -l timeout -d 'Seconds the whole operation may take, retries and their waits included (for `apply`, each action; for `list-connections`, all pages). A retry that would end later is not made' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from apply" -l retries -d 'Retries on 429, 5xx and connection failures (with backoff, honouring Retry-After as seconds or a date), within --timeout' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from apply" -l color -d 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from apply" -l query -d 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from apply" -l keep-going -d 'Go on after a failed action (the exit code still reports the failure)'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from apply" -l exit-zero -d 'exist and permission check: answer `false` with exit 0 (as az does) instead of exit 1, for scripts that read the answer rather than the exit code'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from apply" -l debug -l verbose -d 'Print each HTTP request and response on stderr (access key and tokens redacted)'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from apply" -l dry-run -d 'Print the request that would be sent, and send nothing'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from apply" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from apply" -s V -l version -d 'Print version'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from help" -f -a "broadcast" -d 'Send a message to every connection of the hub'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from help" -f -a "connection" -d 'Send to, check, close a connection, or remove it from all its groups'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from help" -f -a "group" -d 'Send to a group, manage its members, check or close it'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from help" -f -a "user" -d 'Send to a user, check, close, or remove it from all groups'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from help" -f -a "permission" -d 'Grant, revoke or check a connection\'s permission on a group'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from help" -f -a "close-all" -d 'Close every connection of the hub'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from help" -f -a "add-to-groups" -d 'Add every connection a filter selects to groups'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from help" -f -a "remove-from-groups" -d 'Remove every connection a filter selects from groups'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from help" -f -a "health" -d 'Check that the service answers (HEAD /api/health)'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from help" -f -a "token" -d 'Ask the service to generate a client access token (:generateToken)'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from help" -f -a "apply" -d 'Run a list of actions (Azure Functions output-binding shape) from a file or stdin'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand service; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand client; and not __fish_seen_subcommand_from start token help" -l color -d 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c webpubsub -n "__fish_webpubsub_using_subcommand client; and not __fish_seen_subcommand_from start token help" -l query -d 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand client; and not __fish_seen_subcommand_from start token help" -s h -l help -d 'Print help'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand client; and not __fish_seen_subcommand_from start token help" -s V -l version -d 'Print version'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand client; and not __fish_seen_subcommand_from start token help" -f -a "start" -d 'Connect to a hub as a client: an interactive REPL on a terminal, a JSON-lines pipe otherwise'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand client; and not __fish_seen_subcommand_from start token help" -f -a "token" -d 'Mint a client access token locally (no network), or with --print-url the full client URL. With Entra ID (no key), the service generates it (:generateToken)'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand client; and not __fish_seen_subcommand_from start token help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand client; and __fish_seen_subcommand_from start" -l connection-string -d 'Connection string: Endpoint=https://<name>.webpubsub.azure.com;AccessKey=<key>;Version=1.0; or, to sign in with a managed identity, Endpoint=…;AuthType=azure.msi[;ClientId=<id>]; [default: the local emulator\'s, Endpoint=http://localhost:8080;…]' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand client; and __fish_seen_subcommand_from start" -l endpoint -d 'Service endpoint, with --access-key, or alone to sign in with Entra ID' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand client; and __fish_seen_subcommand_from start" -l access-key -d 'Access key for --endpoint' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand client; and __fish_seen_subcommand_from start" -l hub-name -l hub -d 'Hub name (case-insensitive on the service)' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand client; and __fish_seen_subcommand_from start" -s n -l name -d 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand client; and __fish_seen_subcommand_from start" -s g -l resource-group -d 'Resource group of the resource' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand client; and __fish_seen_subcommand_from start" -l subscription -d 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az\'s default subscription]' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand client; and __fish_seen_subcommand_from start" -l ids -d 'The resource\'s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand client; and __fish_seen_subcommand_from start" -l arm-endpoint -d 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand client; and __fish_seen_subcommand_from start" -l auth -d 'How to sign data-plane requests: key (an access key: from the connection string, or listed through Azure Resource Manager with -n/-g) or entra (an Entra ID token: az login, azd, a service principal, workload or managed identity from the environment) [default: key when one is available, else entra]' -r -f -a "key\t'An access key (a token signed per request)'
entra\t'An Entra ID token (scope https://webpubsub.azure.com/.default)'"
complete -c webpubsub -n "__fish_webpubsub_using_subcommand client; and __fish_seen_subcommand_from start" -l reverse-proxy -d 'Send requests (and client connections) through this reverse proxy, e.g. an Azure Application Gateway in front of the service; tokens still name the service\'s endpoint' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand client; and __fish_seen_subcommand_from start" -l user-id -d 'The user to connect as (ignored with --url)' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand client; and __fish_seen_subcommand_from start" -l role -d 'Role to grant (repeatable) [default: webpubsub.joinLeaveGroup and webpubsub.sendToGroup, as az does]' -r -f -a "webpubsub.joinLeaveGroup\t''
webpubsub.sendToGroup\t''"
complete -c webpubsub -n "__fish_webpubsub_using_subcommand client; and __fish_seen_subcommand_from start" -l group -d 'Group to join on connect (repeatable)' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand client; and __fish_seen_subcommand_from start" -l expires-in -d 'Minutes until the minted token expires' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand client; and __fish_seen_subcommand_from start" -l url -d 'Connect to this client URL (e.g. from `service token --print-url`) instead of minting a token; with --protocol socketcluster, the server\'s URL (ws://HOST:PORT/socketcluster/)' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand client; and __fish_seen_subcommand_from start" -l protocol -d 'Subprotocol: json.reliable (recovers dropped connections), json, protobuf.reliable and protobuf (the same in protobuf binary frames), raw (a simple WebSocket client), mqtt (MQTT 5.0) or mqtt3 (MQTT 3.1.1) at the hub\'s MQTT endpoint, or socketcluster (a SocketCluster 9 server at --url, not Web PubSub)' -r -f -a "json.reliable\t''
json\t''
protobuf.reliable\t''
protobuf\t''
raw\t''
mqtt\t'MQTT 5.0 over WebSocket, at the hub\'s MQTT endpoint (/clients/mqtt/hubs/HUB)'
mqtt3\t'MQTT 3.1.1 over WebSocket'
socketcluster\t'Not Web PubSub: a SocketCluster 9 server, with --url ws://HOST:PORT/socketcluster/'"
complete -c webpubsub -n "__fish_webpubsub_using_subcommand client; and __fish_seen_subcommand_from start" -l ack-timeout -d 'Piped mode: seconds to wait for outstanding acks at the end of input' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand client; and __fish_seen_subcommand_from start" -l reconnect-timeout -d 'Seconds to keep trying to recover a dropped connection (json.reliable, protobuf.reliable), then as long again to make a new one, before giving up' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand client; and __fish_seen_subcommand_from start" -l color -d 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c webpubsub -n "__fish_webpubsub_using_subcommand client; and __fish_seen_subcommand_from start" -l query -d 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand client; and __fish_seen_subcommand_from start" -l keep-open -d 'Piped mode: keep receiving after the end of input, until interrupted'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand client; and __fish_seen_subcommand_from start" -l show-frames -d 'Also show every protocol frame as it is sent (→) and received (←), as `az webpubsub client start` prints them; in a pipe, `{"type":"frame","direction":…,"text":…}`'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand client; and __fish_seen_subcommand_from start" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand client; and __fish_seen_subcommand_from start" -s V -l version -d 'Print version'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand client; and __fish_seen_subcommand_from token" -l connection-string -d 'Connection string: Endpoint=https://<name>.webpubsub.azure.com;AccessKey=<key>;Version=1.0; or, to sign in with a managed identity, Endpoint=…;AuthType=azure.msi[;ClientId=<id>]; [default: the local emulator\'s, Endpoint=http://localhost:8080;…]' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand client; and __fish_seen_subcommand_from token" -l endpoint -d 'Service endpoint, with --access-key, or alone to sign in with Entra ID' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand client; and __fish_seen_subcommand_from token" -l access-key -d 'Access key for --endpoint' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand client; and __fish_seen_subcommand_from token" -l hub-name -l hub -d 'Hub name (case-insensitive on the service)' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand client; and __fish_seen_subcommand_from token" -s n -l name -d 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand client; and __fish_seen_subcommand_from token" -s g -l resource-group -d 'Resource group of the resource' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand client; and __fish_seen_subcommand_from token" -l subscription -d 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az\'s default subscription]' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand client; and __fish_seen_subcommand_from token" -l ids -d 'The resource\'s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand client; and __fish_seen_subcommand_from token" -l arm-endpoint -d 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand client; and __fish_seen_subcommand_from token" -l auth -d 'How to sign data-plane requests: key (an access key: from the connection string, or listed through Azure Resource Manager with -n/-g) or entra (an Entra ID token: az login, azd, a service principal, workload or managed identity from the environment) [default: key when one is available, else entra]' -r -f -a "key\t'An access key (a token signed per request)'
entra\t'An Entra ID token (scope https://webpubsub.azure.com/.default)'"
complete -c webpubsub -n "__fish_webpubsub_using_subcommand client; and __fish_seen_subcommand_from token" -l reverse-proxy -d 'Send requests (and client connections) through this reverse proxy, e.g. an Azure Application Gateway in front of the service; tokens still name the service\'s endpoint' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand client; and __fish_seen_subcommand_from token" -l user-id -d 'The user the client connects as' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand client; and __fish_seen_subcommand_from token" -l role -d 'Role to grant, e.g. webpubsub.joinLeaveGroup or webpubsub.sendToGroup.g1 (repeatable)' -r -f -a "webpubsub.joinLeaveGroup\t''
webpubsub.sendToGroup\t''"
complete -c webpubsub -n "__fish_webpubsub_using_subcommand client; and __fish_seen_subcommand_from token" -l group -d 'Group to join on connect (repeatable)' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand client; and __fish_seen_subcommand_from token" -l expires-in -d 'Minutes until the token expires' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand client; and __fish_seen_subcommand_from token" -l client-type -d 'The kind of client, which sets the token\'s audience and the URL: default (…/client/hubs/HUB), mqtt (…/clients/mqtt/hubs/HUB) or socketio (…/clients/socketio/hubs/HUB). Case-insensitive' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand client; and __fish_seen_subcommand_from token" -s o -l output -d 'Output format: json ({"token","url"}), table, tsv or none [default: the token alone]' -r -f -a "json\t'JSON, the same shapes as `az` (e.g. {"existence": true})'
table\t'An aligned table with a header row'
tsv\t'Tab-separated values, no header: for `cut`, `read` and friends'
none\t'Nothing: the exit code is the answer'"
complete -c webpubsub -n "__fish_webpubsub_using_subcommand client; and __fish_seen_subcommand_from token" -l color -d 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c webpubsub -n "__fish_webpubsub_using_subcommand client; and __fish_seen_subcommand_from token" -l query -d 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand client; and __fish_seen_subcommand_from token" -l print-url -d 'Print the client URL (ws[s]://…/client/hubs/HUB?access_token=…) instead of the token'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand client; and __fish_seen_subcommand_from token" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand client; and __fish_seen_subcommand_from token" -s V -l version -d 'Print version'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand client; and __fish_seen_subcommand_from help" -f -a "start" -d 'Connect to a hub as a client: an interactive REPL on a terminal, a JSON-lines pipe otherwise'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand client; and __fish_seen_subcommand_from help" -f -a "token" -d 'Mint a client access token locally (no network), or with --print-url the full client URL. With Entra ID (no key), the service generates it (:generateToken)'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand client; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand token; and not __fish_seen_subcommand_from decode help" -l color -d 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c webpubsub -n "__fish_webpubsub_using_subcommand token; and not __fish_seen_subcommand_from decode help" -l query -d 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand token; and not __fish_seen_subcommand_from decode help" -s h -l help -d 'Print help'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand token; and not __fish_seen_subcommand_from decode help" -s V -l version -d 'Print version'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand token; and not __fish_seen_subcommand_from decode help" -f -a "decode" -d 'Show a JWT\'s header and claims, when it expires, and whether its signature verifies'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand token; and not __fish_seen_subcommand_from decode help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand token; and __fish_seen_subcommand_from decode" -l access-key -d 'Key to verify the signature with (or the one of --connection-string); without either, the signature is not checked (and the output says so)' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand token; and __fish_seen_subcommand_from decode" -l connection-string -d 'Connection string whose key verifies the signature' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand token; and __fish_seen_subcommand_from decode" -s o -l output -d 'Output format' -r -f -a "json\t'JSON, the same shapes as `az` (e.g. {"existence": true})'
table\t'An aligned table with a header row'
tsv\t'Tab-separated values, no header: for `cut`, `read` and friends'
none\t'Nothing: the exit code is the answer'"
complete -c webpubsub -n "__fish_webpubsub_using_subcommand token; and __fish_seen_subcommand_from decode" -l color -d 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c webpubsub -n "__fish_webpubsub_using_subcommand token; and __fish_seen_subcommand_from decode" -l query -d 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand token; and __fish_seen_subcommand_from decode" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand token; and __fish_seen_subcommand_from decode" -s V -l version -d 'Print version'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand token; and __fish_seen_subcommand_from help" -f -a "decode" -d 'Show a JWT\'s header and claims, when it expires, and whether its signature verifies'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand token; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand key; and not __fish_seen_subcommand_from show regenerate help" -l color -d 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c webpubsub -n "__fish_webpubsub_using_subcommand key; and not __fish_seen_subcommand_from show regenerate help" -l query -d 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand key; and not __fish_seen_subcommand_from show regenerate help" -s h -l help -d 'Print help'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand key; and not __fish_seen_subcommand_from show regenerate help" -s V -l version -d 'Print version'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand key; and not __fish_seen_subcommand_from show regenerate help" -f -a "show" -d 'Show the access keys and connection strings (needs the Contributor role)'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand key; and not __fish_seen_subcommand_from show regenerate help" -f -a "regenerate" -d 'Regenerate the primary or secondary key: tokens signed with the old one stop working'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand key; and not __fish_seen_subcommand_from show regenerate help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand key; and __fish_seen_subcommand_from show" -s n -l name -d 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand key; and __fish_seen_subcommand_from show" -s g -l resource-group -d 'Resource group of the resource' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand key; and __fish_seen_subcommand_from show" -l subscription -d 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az\'s default subscription]' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand key; and __fish_seen_subcommand_from show" -l ids -d 'The resource\'s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand key; and __fish_seen_subcommand_from show" -l arm-endpoint -d 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand key; and __fish_seen_subcommand_from show" -s o -l output -d 'Output format [default: json, the Azure Resource Manager JSON as az prints it]' -r -f -a "json\t'JSON, the same shapes as `az` (e.g. {"existence": true})'
table\t'An aligned table with a header row'
tsv\t'Tab-separated values, no header: for `cut`, `read` and friends'
none\t'Nothing: the exit code is the answer'"
complete -c webpubsub -n "__fish_webpubsub_using_subcommand key; and __fish_seen_subcommand_from show" -l timeout -d 'Seconds each Azure Resource Manager call may take, sign-in and retries included' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand key; and __fish_seen_subcommand_from show" -l retries -d 'Retries on 429, 5xx and connection failures, within --timeout' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand key; and __fish_seen_subcommand_from show" -l color -d 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c webpubsub -n "__fish_webpubsub_using_subcommand key; and __fish_seen_subcommand_from show" -l query -d 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand key; and __fish_seen_subcommand_from show" -l debug -l verbose -d 'Print each HTTP request and response on stderr (tokens, keys and connection strings redacted)'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand key; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand key; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand key; and __fish_seen_subcommand_from regenerate" -s n -l name -d 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand key; and __fish_seen_subcommand_from regenerate" -s g -l resource-group -d 'Resource group of the resource' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand key; and __fish_seen_subcommand_from regenerate" -l subscription -d 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az\'s default subscription]' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand key; and __fish_seen_subcommand_from regenerate" -l ids -d 'The resource\'s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand key; and __fish_seen_subcommand_from regenerate" -l arm-endpoint -d 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand key; and __fish_seen_subcommand_from regenerate" -s o -l output -d 'Output format [default: json, the Azure Resource Manager JSON as az prints it]' -r -f -a "json\t'JSON, the same shapes as `az` (e.g. {"existence": true})'
table\t'An aligned table with a header row'
tsv\t'Tab-separated values, no header: for `cut`, `read` and friends'
none\t'Nothing: the exit code is the answer'"
complete -c webpubsub -n "__fish_webpubsub_using_subcommand key; and __fish_seen_subcommand_from regenerate" -l timeout -d 'Seconds each Azure Resource Manager call may take, sign-in and retries included' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand key; and __fish_seen_subcommand_from regenerate" -l retries -d 'Retries on 429, 5xx and connection failures, within --timeout' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand key; and __fish_seen_subcommand_from regenerate" -l key-type -d 'Which key to regenerate' -r -f -a "primary\t''
secondary\t''
salt\t'The salt of tokens the service issues: invalidates them, keeps both keys'"
complete -c webpubsub -n "__fish_webpubsub_using_subcommand key; and __fish_seen_subcommand_from regenerate" -l color -d 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c webpubsub -n "__fish_webpubsub_using_subcommand key; and __fish_seen_subcommand_from regenerate" -l query -d 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand key; and __fish_seen_subcommand_from regenerate" -l debug -l verbose -d 'Print each HTTP request and response on stderr (tokens, keys and connection strings redacted)'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand key; and __fish_seen_subcommand_from regenerate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand key; and __fish_seen_subcommand_from regenerate" -s V -l version -d 'Print version'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand key; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show the access keys and connection strings (needs the Contributor role)'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand key; and __fish_seen_subcommand_from help" -f -a "regenerate" -d 'Regenerate the primary or secondary key: tokens signed with the old one stop working'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand key; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand hub; and not __fish_seen_subcommand_from create update show list delete help" -l color -d 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c webpubsub -n "__fish_webpubsub_using_subcommand hub; and not __fish_seen_subcommand_from create update show list delete help" -l query -d 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand hub; and not __fish_seen_subcommand_from create update show list delete help" -s h -l help -d 'Print help'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand hub; and not __fish_seen_subcommand_from create update show list delete help" -s V -l version -d 'Print version'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand hub; and not __fish_seen_subcommand_from create update show list delete help" -f -a "create" -d 'Create (or replace) a hub\'s settings'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand hub; and not __fish_seen_subcommand_from create update show list delete help" -f -a "update" -d 'Change some of a hub\'s settings; those not given stay as they are'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand hub; and not __fish_seen_subcommand_from create update show list delete help" -f -a "show" -d 'Show a hub\'s settings'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand hub; and not __fish_seen_subcommand_from create update show list delete help" -f -a "list" -d 'List the hubs that have settings'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand hub; and not __fish_seen_subcommand_from create update show list delete help" -f -a "delete" -d 'Delete a hub\'s settings (its connections stay; the defaults apply again)'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand hub; and not __fish_seen_subcommand_from create update show list delete help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand hub; and __fish_seen_subcommand_from create" -s n -l name -d 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand hub; and __fish_seen_subcommand_from create" -s g -l resource-group -d 'Resource group of the resource' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand hub; and __fish_seen_subcommand_from create" -l subscription -d 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az\'s default subscription]' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand hub; and __fish_seen_subcommand_from create" -l ids -d 'The resource\'s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand hub; and __fish_seen_subcommand_from create" -l arm-endpoint -d 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand hub; and __fish_seen_subcommand_from create" -s o -l output -d 'Output format [default: json, the Azure Resource Manager JSON as az prints it]' -r -f -a "json\t'JSON, the same shapes as `az` (e.g. {"existence": true})'
table\t'An aligned table with a header row'
tsv\t'Tab-separated values, no header: for `cut`, `read` and friends'
none\t'Nothing: the exit code is the answer'"
complete -c webpubsub -n "__fish_webpubsub_using_subcommand hub; and __fish_seen_subcommand_from create" -l timeout -d 'Seconds each Azure Resource Manager call may take, sign-in and retries included' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand hub; and __fish_seen_subcommand_from create" -l retries -d 'Retries on 429, 5xx and connection failures, within --timeout' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand hub; and __fish_seen_subcommand_from create" -l hub-name -l hub -d 'The hub' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand hub; and __fish_seen_subcommand_from create" -l event-handler -d 'An upstream event handler as az\'s items (see below); repeatable, each handler starting with its url-template. On update, the given handlers replace all of the hub\'s' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand hub; and __fish_seen_subcommand_from create" -l allow-anonymous -d 'Let clients connect without an access token (anonymous, no user id); `false` to deny' -r -f -a "true\t''
false\t''"
complete -c webpubsub -n "__fish_webpubsub_using_subcommand hub; and __fish_seen_subcommand_from create" -l websocket-keepalive -d 'Seconds between the WebSocket pings the service sends each client (1-120)' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand hub; and __fish_seen_subcommand_from create" -l color -d 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c webpubsub -n "__fish_webpubsub_using_subcommand hub; and __fish_seen_subcommand_from create" -l query -d 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand hub; and __fish_seen_subcommand_from create" -l debug -l verbose -d 'Print each HTTP request and response on stderr (tokens, keys and connection strings redacted)'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand hub; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand hub; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand hub; and __fish_seen_subcommand_from update" -s n -l name -d 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand hub; and __fish_seen_subcommand_from update" -s g -l resource-group -d 'Resource group of the resource' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand hub; and __fish_seen_subcommand_from update" -l subscription -d 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az\'s default subscription]' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand hub; and __fish_seen_subcommand_from update" -l ids -d 'The resource\'s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand hub; and __fish_seen_subcommand_from update" -l arm-endpoint -d 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand hub; and __fish_seen_subcommand_from update" -s o -l output -d 'Output format [default: json, the Azure Resource Manager JSON as az prints it]' -r -f -a "json\t'JSON, the same shapes as `az` (e.g. {"existence": true})'
table\t'An aligned table with a header row'
tsv\t'Tab-separated values, no header: for `cut`, `read` and friends'
none\t'Nothing: the exit code is the answer'"
complete -c webpubsub -n "__fish_webpubsub_using_subcommand hub; and __fish_seen_subcommand_from update" -l timeout -d 'Seconds each Azure Resource Manager call may take, sign-in and retries included' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand hub; and __fish_seen_subcommand_from update" -l retries -d 'Retries on 429, 5xx and connection failures, within --timeout' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand hub; and __fish_seen_subcommand_from update" -l hub-name -l hub -d 'The hub' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand hub; and __fish_seen_subcommand_from update" -l event-handler -d 'An upstream event handler as az\'s items (see below); repeatable, each handler starting with its url-template. On update, the given handlers replace all of the hub\'s' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand hub; and __fish_seen_subcommand_from update" -l allow-anonymous -d 'Let clients connect without an access token (anonymous, no user id); `false` to deny' -r -f -a "true\t''
false\t''"
complete -c webpubsub -n "__fish_webpubsub_using_subcommand hub; and __fish_seen_subcommand_from update" -l websocket-keepalive -d 'Seconds between the WebSocket pings the service sends each client (1-120)' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand hub; and __fish_seen_subcommand_from update" -l color -d 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c webpubsub -n "__fish_webpubsub_using_subcommand hub; and __fish_seen_subcommand_from update" -l query -d 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand hub; and __fish_seen_subcommand_from update" -l debug -l verbose -d 'Print each HTTP request and response on stderr (tokens, keys and connection strings redacted)'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand hub; and __fish_seen_subcommand_from update" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand hub; and __fish_seen_subcommand_from update" -s V -l version -d 'Print version'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand hub; and __fish_seen_subcommand_from show" -s n -l name -d 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand hub; and __fish_seen_subcommand_from show" -s g -l resource-group -d 'Resource group of the resource' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand hub; and __fish_seen_subcommand_from show" -l subscription -d 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az\'s default subscription]' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand hub; and __fish_seen_subcommand_from show" -l ids -d 'The resource\'s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand hub; and __fish_seen_subcommand_from show" -l arm-endpoint -d 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand hub; and __fish_seen_subcommand_from show" -s o -l output -d 'Output format [default: json, the Azure Resource Manager JSON as az prints it]' -r -f -a "json\t'JSON, the same shapes as `az` (e.g. {"existence": true})'
table\t'An aligned table with a header row'
tsv\t'Tab-separated values, no header: for `cut`, `read` and friends'
none\t'Nothing: the exit code is the answer'"
complete -c webpubsub -n "__fish_webpubsub_using_subcommand hub; and __fish_seen_subcommand_from show" -l timeout -d 'Seconds each Azure Resource Manager call may take, sign-in and retries included' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand hub; and __fish_seen_subcommand_from show" -l retries -d 'Retries on 429, 5xx and connection failures, within --timeout' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand hub; and __fish_seen_subcommand_from show" -l hub-name -l hub -d 'The hub' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand hub; and __fish_seen_subcommand_from show" -l color -d 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c webpubsub -n "__fish_webpubsub_using_subcommand hub; and __fish_seen_subcommand_from show" -l query -d 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand hub; and __fish_seen_subcommand_from show" -l debug -l verbose -d 'Print each HTTP request and response on stderr (tokens, keys and connection strings redacted)'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand hub; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand hub; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand hub; and __fish_seen_subcommand_from list" -s n -l name -d 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand hub; and __fish_seen_subcommand_from list" -s g -l resource-group -d 'Resource group of the resource' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand hub; and __fish_seen_subcommand_from list" -l subscription -d 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az\'s default subscription]' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand hub; and __fish_seen_subcommand_from list" -l ids -d 'The resource\'s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand hub; and __fish_seen_subcommand_from list" -l arm-endpoint -d 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand hub; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format [default: json, the Azure Resource Manager JSON as az prints it]' -r -f -a "json\t'JSON, the same shapes as `az` (e.g. {"existence": true})'
table\t'An aligned table with a header row'
tsv\t'Tab-separated values, no header: for `cut`, `read` and friends'
none\t'Nothing: the exit code is the answer'"
complete -c webpubsub -n "__fish_webpubsub_using_subcommand hub; and __fish_seen_subcommand_from list" -l timeout -d 'Seconds each Azure Resource Manager call may take, sign-in and retries included' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand hub; and __fish_seen_subcommand_from list" -l retries -d 'Retries on 429, 5xx and connection failures, within --timeout' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand hub; and __fish_seen_subcommand_from list" -l color -d 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c webpubsub -n "__fish_webpubsub_using_subcommand hub; and __fish_seen_subcommand_from list" -l query -d 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand hub; and __fish_seen_subcommand_from list" -l debug -l verbose -d 'Print each HTTP request and response on stderr (tokens, keys and connection strings redacted)'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand hub; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand hub; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand hub; and __fish_seen_subcommand_from delete" -s n -l name -d 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand hub; and __fish_seen_subcommand_from delete" -s g -l resource-group -d 'Resource group of the resource' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand hub; and __fish_seen_subcommand_from delete" -l subscription -d 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az\'s default subscription]' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand hub; and __fish_seen_subcommand_from delete" -l ids -d 'The resource\'s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand hub; and __fish_seen_subcommand_from delete" -l arm-endpoint -d 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand hub; and __fish_seen_subcommand_from delete" -s o -l output -d 'Output format [default: json, the Azure Resource Manager JSON as az prints it]' -r -f -a "json\t'JSON, the same shapes as `az` (e.g. {"existence": true})'
table\t'An aligned table with a header row'
tsv\t'Tab-separated values, no header: for `cut`, `read` and friends'
none\t'Nothing: the exit code is the answer'"
complete -c webpubsub -n "__fish_webpubsub_using_subcommand hub; and __fish_seen_subcommand_from delete" -l timeout -d 'Seconds each Azure Resource Manager call may take, sign-in and retries included' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand hub; and __fish_seen_subcommand_from delete" -l retries -d 'Retries on 429, 5xx and connection failures, within --timeout' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand hub; and __fish_seen_subcommand_from delete" -l hub-name -l hub -d 'The hub' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand hub; and __fish_seen_subcommand_from delete" -l color -d 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c webpubsub -n "__fish_webpubsub_using_subcommand hub; and __fish_seen_subcommand_from delete" -l query -d 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand hub; and __fish_seen_subcommand_from delete" -l debug -l verbose -d 'Print each HTTP request and response on stderr (tokens, keys and connection strings redacted)'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand hub; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand hub; and __fish_seen_subcommand_from delete" -s V -l version -d 'Print version'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand hub; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create (or replace) a hub\'s settings'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand hub; and __fish_seen_subcommand_from help" -f -a "update" -d 'Change some of a hub\'s settings; those not given stay as they are'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand hub; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show a hub\'s settings'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand hub; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the hubs that have settings'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand hub; and __fish_seen_subcommand_from help" -f -a "delete" -d 'Delete a hub\'s settings (its connections stay; the defaults apply again)'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand hub; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand emulator; and not __fish_seen_subcommand_from start stop help" -l color -d 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c webpubsub -n "__fish_webpubsub_using_subcommand emulator; and not __fish_seen_subcommand_from start stop help" -l query -d 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand emulator; and not __fish_seen_subcommand_from start stop help" -s h -l help -d 'Print help'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand emulator; and not __fish_seen_subcommand_from start stop help" -s V -l version -d 'Print version'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand emulator; and not __fish_seen_subcommand_from start stop help" -f -a "start" -d 'Start the emulator and print its connection string on stdout'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand emulator; and not __fish_seen_subcommand_from start stop help" -f -a "stop" -d 'Stop emulators started with `emulator start --detach` (all of them, or the one on --port)'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand emulator; and not __fish_seen_subcommand_from start stop help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand emulator; and __fish_seen_subcommand_from start" -l log-file -d 'With --detach: where the emulator\'s log goes [default: a file in the user\'s runtime directory, named on stderr]' -r -F
complete -c webpubsub -n "__fish_webpubsub_using_subcommand emulator; and __fish_seen_subcommand_from start" -l host -d 'Address to listen on. The default accepts only local connections' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand emulator; and __fish_seen_subcommand_from start" -s p -l port -d 'Port to listen on; 0 picks a free one (printed in the connection string)' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand emulator; and __fish_seen_subcommand_from start" -l access-key -d 'Access key that signs tokens: at least 32 characters. The default is the public key of Microsoft\'s emulator, so its samples work unchanged' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand emulator; and __fish_seen_subcommand_from start" -l recovery-window -d 'Seconds a dropped reliable connection waits to be recovered' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand emulator; and __fish_seen_subcommand_from start" -l event-handler -d 'Send events to an upstream handler (repeatable; the first match wins), az-style items: "url-template=http://localhost:3000/eventhandler/{event} user-event-pattern=* system-event=connect system-event=connected system-event=disconnected [hub=chat]"' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand emulator; and __fish_seen_subcommand_from start" -l trace -d 'Append a request log to FILE (`-` for stderr): one JSON object per line for every REST call (method, path, query, content type, body, the bearer token\'s claims, status) and every client frame in and out. Tokens and the access key are never written: a token becomes its claims, and access_token and reconnection tokens are redacted' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand emulator; and __fish_seen_subcommand_from start" -l allowed-host -d 'Also answer requests whose Host is NAME (repeatable; `*.NAME` for its subdomains), e.g. a tunnel or container name. Without it only localhost, *.localhost and IP addresses are answered, so web pages cannot reach the emulator through DNS rebinding' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand emulator; and __fish_seen_subcommand_from start" -l allowed-origin -d 'Also accept browser requests and WebSockets from ORIGIN (repeatable), e.g. http://devbox:3000; `*` accepts any. Without it only pages on localhost, *.localhost and loopback addresses may use the emulator; clients that send no Origin always may' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand emulator; and __fish_seen_subcommand_from start" -l header-timeout -d 'Seconds a client may take to send a request\'s headers (from connecting, or from the first byte of a later request) before the connection is closed' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand emulator; and __fish_seen_subcommand_from start" -l idle-timeout -d 'Seconds a kept-alive connection may stay idle between requests' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand emulator; and __fish_seen_subcommand_from start" -l body-timeout -d 'Seconds a client may take to send a request body after its headers (answered with 408)' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand emulator; and __fish_seen_subcommand_from start" -s n -l name -d 'Name of the emulated Azure resource, for ARM paths (`--arm-endpoint` in the CLI)' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand emulator; and __fish_seen_subcommand_from start" -s g -l resource-group -d 'Resource group of the emulated resource' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand emulator; and __fish_seen_subcommand_from start" -l subscription -d 'Subscription id of the emulated resource' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand emulator; and __fish_seen_subcommand_from start" -l secondary-key -d 'Secondary access key (at least 32 characters) [default: random at each start]' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand emulator; and __fish_seen_subcommand_from start" -l identity-header -d 'Secret of the managed-identity endpoint (IDENTITY_HEADER; 8 to 256 printable characters) [default: random at each start, printed on stderr]' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand emulator; and __fish_seen_subcommand_from start" -l entra-identity -d 'Give an Entra identity (client id) other roles than the default (all): CLIENT_ID=ROLE[,ROLE] with Contributor, Reader, WebPubSubServiceOwner, or none (repeatable), e.g. reader-app=Reader' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand emulator; and __fish_seen_subcommand_from start" -l color -d 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c webpubsub -n "__fish_webpubsub_using_subcommand emulator; and __fish_seen_subcommand_from start" -l query -d 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand emulator; and __fish_seen_subcommand_from start" -l detach -d 'Run in the background: print the connection string once the emulator is ready and return, leaving it running (its log goes to a file, named on stderr). For scripts: `CS=$(webpubsub emulator start --port 0 --detach)`; stop it with `webpubsub emulator stop`'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand emulator; and __fish_seen_subcommand_from start" -l disable-local-auth -d 'Refuse tokens signed with the access keys (REST and clients), as disableLocalAuth does: only Entra ID tokens are accepted, and clients connect with tokens from :generateToken'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand emulator; and __fish_seen_subcommand_from start" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand emulator; and __fish_seen_subcommand_from start" -s V -l version -d 'Print version'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand emulator; and __fish_seen_subcommand_from stop" -s p -l port -d 'Only the emulator listening on this port' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand emulator; and __fish_seen_subcommand_from stop" -l color -d 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c webpubsub -n "__fish_webpubsub_using_subcommand emulator; and __fish_seen_subcommand_from stop" -l query -d 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand emulator; and __fish_seen_subcommand_from stop" -s h -l help -d 'Print help'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand emulator; and __fish_seen_subcommand_from stop" -s V -l version -d 'Print version'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand emulator; and __fish_seen_subcommand_from help" -f -a "start" -d 'Start the emulator and print its connection string on stdout'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand emulator; and __fish_seen_subcommand_from help" -f -a "stop" -d 'Stop emulators started with `emulator start --detach` (all of them, or the one on --port)'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand emulator; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand completions" -l color -d 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c webpubsub -n "__fish_webpubsub_using_subcommand completions" -l query -d 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)' -r
complete -c webpubsub -n "__fish_webpubsub_using_subcommand completions" -s h -l help -d 'Print help'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand completions" -s V -l version -d 'Print version'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand help; and not __fish_seen_subcommand_from service client token key hub emulator completions help" -f -a "service" -d 'Call the REST data plane: send messages, manage groups, connections, users and permissions'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand help; and not __fish_seen_subcommand_from service client token key hub emulator completions help" -f -a "client" -d 'Client-side tools: mint a client access token or URL locally'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand help; and not __fish_seen_subcommand_from service client token key hub emulator completions help" -f -a "token" -d 'Inspect tokens: decode a JWT and check its signature'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand help; and not __fish_seen_subcommand_from service client token key hub emulator completions help" -f -a "key" -d 'Show or regenerate a resource\'s access keys (through Azure Resource Manager, as az does)'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand help; and not __fish_seen_subcommand_from service client token key hub emulator completions help" -f -a "hub" -d 'Create, update, show, list or delete a hub\'s settings: event handlers, anonymous connections, keep-alive (through Azure Resource Manager, as az does)'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand help; and not __fish_seen_subcommand_from service client token key hub emulator completions help" -f -a "emulator" -d 'Run a local Azure Web PubSub service: REST API, client WebSockets and JWT auth, no Azure account needed'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand help; and not __fish_seen_subcommand_from service client token key hub emulator completions help" -f -a "completions" -d 'Print a shell completion script (bash, zsh, fish, powershell, elvish) to stdout'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand help; and not __fish_seen_subcommand_from service client token key hub emulator completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand help; and __fish_seen_subcommand_from service" -f -a "broadcast" -d 'Send a message to every connection of the hub'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand help; and __fish_seen_subcommand_from service" -f -a "connection" -d 'Send to, check, close a connection, or remove it from all its groups'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand help; and __fish_seen_subcommand_from service" -f -a "group" -d 'Send to a group, manage its members, check or close it'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand help; and __fish_seen_subcommand_from service" -f -a "user" -d 'Send to a user, check, close, or remove it from all groups'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand help; and __fish_seen_subcommand_from service" -f -a "permission" -d 'Grant, revoke or check a connection\'s permission on a group'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand help; and __fish_seen_subcommand_from service" -f -a "close-all" -d 'Close every connection of the hub'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand help; and __fish_seen_subcommand_from service" -f -a "add-to-groups" -d 'Add every connection a filter selects to groups'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand help; and __fish_seen_subcommand_from service" -f -a "remove-from-groups" -d 'Remove every connection a filter selects from groups'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand help; and __fish_seen_subcommand_from service" -f -a "health" -d 'Check that the service answers (HEAD /api/health)'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand help; and __fish_seen_subcommand_from service" -f -a "token" -d 'Ask the service to generate a client access token (:generateToken)'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand help; and __fish_seen_subcommand_from service" -f -a "apply" -d 'Run a list of actions (Azure Functions output-binding shape) from a file or stdin'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand help; and __fish_seen_subcommand_from client" -f -a "start" -d 'Connect to a hub as a client: an interactive REPL on a terminal, a JSON-lines pipe otherwise'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand help; and __fish_seen_subcommand_from client" -f -a "token" -d 'Mint a client access token locally (no network), or with --print-url the full client URL. With Entra ID (no key), the service generates it (:generateToken)'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand help; and __fish_seen_subcommand_from token" -f -a "decode" -d 'Show a JWT\'s header and claims, when it expires, and whether its signature verifies'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand help; and __fish_seen_subcommand_from key" -f -a "show" -d 'Show the access keys and connection strings (needs the Contributor role)'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand help; and __fish_seen_subcommand_from key" -f -a "regenerate" -d 'Regenerate the primary or secondary key: tokens signed with the old one stop working'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand help; and __fish_seen_subcommand_from hub" -f -a "create" -d 'Create (or replace) a hub\'s settings'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand help; and __fish_seen_subcommand_from hub" -f -a "update" -d 'Change some of a hub\'s settings; those not given stay as they are'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand help; and __fish_seen_subcommand_from hub" -f -a "show" -d 'Show a hub\'s settings'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand help; and __fish_seen_subcommand_from hub" -f -a "list" -d 'List the hubs that have settings'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand help; and __fish_seen_subcommand_from hub" -f -a "delete" -d 'Delete a hub\'s settings (its connections stay; the defaults apply again)'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand help; and __fish_seen_subcommand_from emulator" -f -a "start" -d 'Start the emulator and print its connection string on stdout'
complete -c webpubsub -n "__fish_webpubsub_using_subcommand help; and __fish_seen_subcommand_from emulator" -f -a "stop" -d 'Stop emulators started with `emulator start --detach` (all of them, or the one on --port)'
