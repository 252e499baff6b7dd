
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'webpubsub' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'webpubsub'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'webpubsub' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('service', 'service', [CompletionResultType]::ParameterValue, 'Call the REST data plane: send messages, manage groups, connections, users and permissions')
            [CompletionResult]::new('client', 'client', [CompletionResultType]::ParameterValue, 'Client-side tools: mint a client access token or URL locally')
            [CompletionResult]::new('token', 'token', [CompletionResultType]::ParameterValue, 'Inspect tokens: decode a JWT and check its signature')
            [CompletionResult]::new('key', 'key', [CompletionResultType]::ParameterValue, 'Show or regenerate a resource''s access keys (through Azure Resource Manager, as az does)')
            [CompletionResult]::new('hub', 'hub', [CompletionResultType]::ParameterValue, 'Create, update, show, list or delete a hub''s settings: event handlers, anonymous connections, keep-alive (through Azure Resource Manager, as az does)')
            [CompletionResult]::new('emulator', 'emulator', [CompletionResultType]::ParameterValue, 'Run a local Azure Web PubSub service: REST API, client WebSockets and JWT auth, no Azure account needed')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script (bash, zsh, fish, powershell, elvish) to stdout')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'webpubsub;service' {
            [CompletionResult]::new('--connection-string', '--connection-string', [CompletionResultType]::ParameterName, 'Connection string: Endpoint=https://<name>.webpubsub.azure.com;AccessKey=<key>;Version=1.0; or, to sign in with a managed identity, Endpoint=…;AuthType=azure.msi[;ClientId=<id>]; [default: the local emulator''s, Endpoint=http://localhost:8080;…]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Service endpoint, with --access-key, or alone to sign in with Entra ID')
            [CompletionResult]::new('--access-key', '--access-key', [CompletionResultType]::ParameterName, 'Access key for --endpoint')
            [CompletionResult]::new('--hub-name', '--hub-name', [CompletionResultType]::ParameterName, 'Hub name (case-insensitive on the service)')
            [CompletionResult]::new('--hub', '--hub', [CompletionResultType]::ParameterName, 'Hub name (case-insensitive on the service)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)')
            [CompletionResult]::new('-g', '-g', [CompletionResultType]::ParameterName, 'Resource group of the resource')
            [CompletionResult]::new('--resource-group', '--resource-group', [CompletionResultType]::ParameterName, 'Resource group of the resource')
            [CompletionResult]::new('--subscription', '--subscription', [CompletionResultType]::ParameterName, 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az''s default subscription]')
            [CompletionResult]::new('--ids', '--ids', [CompletionResultType]::ParameterName, 'The resource''s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME')
            [CompletionResult]::new('--arm-endpoint', '--arm-endpoint', [CompletionResultType]::ParameterName, 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'How to sign data-plane requests: key (an access key: from the connection string, or listed through Azure Resource Manager with -n/-g) or entra (an Entra ID token: az login, azd, a service principal, workload or managed identity from the environment) [default: key when one is available, else entra]')
            [CompletionResult]::new('--reverse-proxy', '--reverse-proxy', [CompletionResultType]::ParameterName, 'Send requests (and client connections) through this reverse proxy, e.g. an Azure Application Gateway in front of the service; tokens still name the service''s endpoint')
            [CompletionResult]::new('--api-version', '--api-version', [CompletionResultType]::ParameterName, 'REST api-version to call [default: 2024-01-01; 2024-12-01 for group list-connections]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds the whole operation may take, retries and their waits included (for `apply`, each action; for `list-connections`, all pages). A retry that would end later is not made')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries on 429, 5xx and connection failures (with backoff, honouring Retry-After as seconds or a date), within --timeout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)')
            [CompletionResult]::new('--exit-zero', '--exit-zero', [CompletionResultType]::ParameterName, 'exist and permission check: answer `false` with exit 0 (as az does) instead of exit 1, for scripts that read the answer rather than the exit code')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print each HTTP request and response on stderr (access key and tokens redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print each HTTP request and response on stderr (access key and tokens redacted)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the request that would be sent, and send nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('broadcast', 'broadcast', [CompletionResultType]::ParameterValue, 'Send a message to every connection of the hub')
            [CompletionResult]::new('connection', 'connection', [CompletionResultType]::ParameterValue, 'Send to, check, close a connection, or remove it from all its groups')
            [CompletionResult]::new('group', 'group', [CompletionResultType]::ParameterValue, 'Send to a group, manage its members, check or close it')
            [CompletionResult]::new('user', 'user', [CompletionResultType]::ParameterValue, 'Send to a user, check, close, or remove it from all groups')
            [CompletionResult]::new('permission', 'permission', [CompletionResultType]::ParameterValue, 'Grant, revoke or check a connection''s permission on a group')
            [CompletionResult]::new('close-all', 'close-all', [CompletionResultType]::ParameterValue, 'Close every connection of the hub')
            [CompletionResult]::new('add-to-groups', 'add-to-groups', [CompletionResultType]::ParameterValue, 'Add every connection a filter selects to groups')
            [CompletionResult]::new('remove-from-groups', 'remove-from-groups', [CompletionResultType]::ParameterValue, 'Remove every connection a filter selects from groups')
            [CompletionResult]::new('health', 'health', [CompletionResultType]::ParameterValue, 'Check that the service answers (HEAD /api/health)')
            [CompletionResult]::new('token', 'token', [CompletionResultType]::ParameterValue, 'Ask the service to generate a client access token (:generateToken)')
            [CompletionResult]::new('apply', 'apply', [CompletionResultType]::ParameterValue, 'Run a list of actions (Azure Functions output-binding shape) from a file or stdin')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'webpubsub;service;broadcast' {
            [CompletionResult]::new('--payload', '--payload', [CompletionResultType]::ParameterName, 'The message, as text (sent as text/plain unless --content-type says otherwise)')
            [CompletionResult]::new('--payload-file', '--payload-file', [CompletionResultType]::ParameterName, 'Read the message from a file, or - for stdin (sent as application/octet-stream unless --content-type says otherwise)')
            [CompletionResult]::new('--content-type', '--content-type', [CompletionResultType]::ParameterName, 'text (text/plain), json (application/json, checked before sending) or binary (application/octet-stream)')
            [CompletionResult]::new('--excluded', '--excluded', [CompletionResultType]::ParameterName, 'Leave out this connection (repeatable)')
            [CompletionResult]::new('--filter', '--filter', [CompletionResultType]::ParameterName, 'OData filter selecting recipients, e.g. "userId ne ''bob''" or "''g1'' in groups"')
            [CompletionResult]::new('--ttl', '--ttl', [CompletionResultType]::ParameterName, 'Drop the message for receivers that have not taken it within this many seconds (0-300; 0, the default, never expires). REST `messageTtlSeconds`')
            [CompletionResult]::new('--metadata', '--metadata', [CompletionResultType]::ParameterName, 'A metadata pair for the receivers (repeatable), sent as an `X-WebPubSub-Metadata-KEY` header; JSON clients get it in the message''s `metadata`. KEY: letters, digits and !#$%&''*+-.^_`|~; VALUE: ASCII, at most 1024 bytes')
            [CompletionResult]::new('--connection-string', '--connection-string', [CompletionResultType]::ParameterName, 'Connection string: Endpoint=https://<name>.webpubsub.azure.com;AccessKey=<key>;Version=1.0; or, to sign in with a managed identity, Endpoint=…;AuthType=azure.msi[;ClientId=<id>]; [default: the local emulator''s, Endpoint=http://localhost:8080;…]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Service endpoint, with --access-key, or alone to sign in with Entra ID')
            [CompletionResult]::new('--access-key', '--access-key', [CompletionResultType]::ParameterName, 'Access key for --endpoint')
            [CompletionResult]::new('--hub-name', '--hub-name', [CompletionResultType]::ParameterName, 'Hub name (case-insensitive on the service)')
            [CompletionResult]::new('--hub', '--hub', [CompletionResultType]::ParameterName, 'Hub name (case-insensitive on the service)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)')
            [CompletionResult]::new('-g', '-g', [CompletionResultType]::ParameterName, 'Resource group of the resource')
            [CompletionResult]::new('--resource-group', '--resource-group', [CompletionResultType]::ParameterName, 'Resource group of the resource')
            [CompletionResult]::new('--subscription', '--subscription', [CompletionResultType]::ParameterName, 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az''s default subscription]')
            [CompletionResult]::new('--ids', '--ids', [CompletionResultType]::ParameterName, 'The resource''s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME')
            [CompletionResult]::new('--arm-endpoint', '--arm-endpoint', [CompletionResultType]::ParameterName, 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'How to sign data-plane requests: key (an access key: from the connection string, or listed through Azure Resource Manager with -n/-g) or entra (an Entra ID token: az login, azd, a service principal, workload or managed identity from the environment) [default: key when one is available, else entra]')
            [CompletionResult]::new('--reverse-proxy', '--reverse-proxy', [CompletionResultType]::ParameterName, 'Send requests (and client connections) through this reverse proxy, e.g. an Azure Application Gateway in front of the service; tokens still name the service''s endpoint')
            [CompletionResult]::new('--api-version', '--api-version', [CompletionResultType]::ParameterName, 'REST api-version to call [default: 2024-01-01; 2024-12-01 for group list-connections]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds the whole operation may take, retries and their waits included (for `apply`, each action; for `list-connections`, all pages). A retry that would end later is not made')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries on 429, 5xx and connection failures (with backoff, honouring Retry-After as seconds or a date), within --timeout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)')
            [CompletionResult]::new('--exit-zero', '--exit-zero', [CompletionResultType]::ParameterName, 'exist and permission check: answer `false` with exit 0 (as az does) instead of exit 1, for scripts that read the answer rather than the exit code')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print each HTTP request and response on stderr (access key and tokens redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print each HTTP request and response on stderr (access key and tokens redacted)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the request that would be sent, and send nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'webpubsub;service;connection' {
            [CompletionResult]::new('--connection-string', '--connection-string', [CompletionResultType]::ParameterName, 'Connection string: Endpoint=https://<name>.webpubsub.azure.com;AccessKey=<key>;Version=1.0; or, to sign in with a managed identity, Endpoint=…;AuthType=azure.msi[;ClientId=<id>]; [default: the local emulator''s, Endpoint=http://localhost:8080;…]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Service endpoint, with --access-key, or alone to sign in with Entra ID')
            [CompletionResult]::new('--access-key', '--access-key', [CompletionResultType]::ParameterName, 'Access key for --endpoint')
            [CompletionResult]::new('--hub-name', '--hub-name', [CompletionResultType]::ParameterName, 'Hub name (case-insensitive on the service)')
            [CompletionResult]::new('--hub', '--hub', [CompletionResultType]::ParameterName, 'Hub name (case-insensitive on the service)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)')
            [CompletionResult]::new('-g', '-g', [CompletionResultType]::ParameterName, 'Resource group of the resource')
            [CompletionResult]::new('--resource-group', '--resource-group', [CompletionResultType]::ParameterName, 'Resource group of the resource')
            [CompletionResult]::new('--subscription', '--subscription', [CompletionResultType]::ParameterName, 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az''s default subscription]')
            [CompletionResult]::new('--ids', '--ids', [CompletionResultType]::ParameterName, 'The resource''s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME')
            [CompletionResult]::new('--arm-endpoint', '--arm-endpoint', [CompletionResultType]::ParameterName, 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'How to sign data-plane requests: key (an access key: from the connection string, or listed through Azure Resource Manager with -n/-g) or entra (an Entra ID token: az login, azd, a service principal, workload or managed identity from the environment) [default: key when one is available, else entra]')
            [CompletionResult]::new('--reverse-proxy', '--reverse-proxy', [CompletionResultType]::ParameterName, 'Send requests (and client connections) through this reverse proxy, e.g. an Azure Application Gateway in front of the service; tokens still name the service''s endpoint')
            [CompletionResult]::new('--api-version', '--api-version', [CompletionResultType]::ParameterName, 'REST api-version to call [default: 2024-01-01; 2024-12-01 for group list-connections]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds the whole operation may take, retries and their waits included (for `apply`, each action; for `list-connections`, all pages). A retry that would end later is not made')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries on 429, 5xx and connection failures (with backoff, honouring Retry-After as seconds or a date), within --timeout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)')
            [CompletionResult]::new('--exit-zero', '--exit-zero', [CompletionResultType]::ParameterName, 'exist and permission check: answer `false` with exit 0 (as az does) instead of exit 1, for scripts that read the answer rather than the exit code')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print each HTTP request and response on stderr (access key and tokens redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print each HTTP request and response on stderr (access key and tokens redacted)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the request that would be sent, and send nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('send', 'send', [CompletionResultType]::ParameterValue, 'Send a message to one connection (202 even if it does not exist)')
            [CompletionResult]::new('exist', 'exist', [CompletionResultType]::ParameterValue, 'Exit 0 if the connection exists, 1 if not')
            [CompletionResult]::new('exists', 'exists', [CompletionResultType]::ParameterValue, 'Exit 0 if the connection exists, 1 if not')
            [CompletionResult]::new('close', 'close', [CompletionResultType]::ParameterValue, 'Close a connection')
            [CompletionResult]::new('remove-from-all-groups', 'remove-from-all-groups', [CompletionResultType]::ParameterValue, 'Remove a connection from all its groups')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'webpubsub;service;connection;send' {
            [CompletionResult]::new('--connection-id', '--connection-id', [CompletionResultType]::ParameterName, 'The connection id')
            [CompletionResult]::new('--payload', '--payload', [CompletionResultType]::ParameterName, 'The message, as text (sent as text/plain unless --content-type says otherwise)')
            [CompletionResult]::new('--payload-file', '--payload-file', [CompletionResultType]::ParameterName, 'Read the message from a file, or - for stdin (sent as application/octet-stream unless --content-type says otherwise)')
            [CompletionResult]::new('--content-type', '--content-type', [CompletionResultType]::ParameterName, 'text (text/plain), json (application/json, checked before sending) or binary (application/octet-stream)')
            [CompletionResult]::new('--ttl', '--ttl', [CompletionResultType]::ParameterName, 'Drop the message for receivers that have not taken it within this many seconds (0-300; 0, the default, never expires). REST `messageTtlSeconds`')
            [CompletionResult]::new('--metadata', '--metadata', [CompletionResultType]::ParameterName, 'A metadata pair for the receivers (repeatable), sent as an `X-WebPubSub-Metadata-KEY` header; JSON clients get it in the message''s `metadata`. KEY: letters, digits and !#$%&''*+-.^_`|~; VALUE: ASCII, at most 1024 bytes')
            [CompletionResult]::new('--connection-string', '--connection-string', [CompletionResultType]::ParameterName, 'Connection string: Endpoint=https://<name>.webpubsub.azure.com;AccessKey=<key>;Version=1.0; or, to sign in with a managed identity, Endpoint=…;AuthType=azure.msi[;ClientId=<id>]; [default: the local emulator''s, Endpoint=http://localhost:8080;…]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Service endpoint, with --access-key, or alone to sign in with Entra ID')
            [CompletionResult]::new('--access-key', '--access-key', [CompletionResultType]::ParameterName, 'Access key for --endpoint')
            [CompletionResult]::new('--hub-name', '--hub-name', [CompletionResultType]::ParameterName, 'Hub name (case-insensitive on the service)')
            [CompletionResult]::new('--hub', '--hub', [CompletionResultType]::ParameterName, 'Hub name (case-insensitive on the service)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)')
            [CompletionResult]::new('-g', '-g', [CompletionResultType]::ParameterName, 'Resource group of the resource')
            [CompletionResult]::new('--resource-group', '--resource-group', [CompletionResultType]::ParameterName, 'Resource group of the resource')
            [CompletionResult]::new('--subscription', '--subscription', [CompletionResultType]::ParameterName, 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az''s default subscription]')
            [CompletionResult]::new('--ids', '--ids', [CompletionResultType]::ParameterName, 'The resource''s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME')
            [CompletionResult]::new('--arm-endpoint', '--arm-endpoint', [CompletionResultType]::ParameterName, 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'How to sign data-plane requests: key (an access key: from the connection string, or listed through Azure Resource Manager with -n/-g) or entra (an Entra ID token: az login, azd, a service principal, workload or managed identity from the environment) [default: key when one is available, else entra]')
            [CompletionResult]::new('--reverse-proxy', '--reverse-proxy', [CompletionResultType]::ParameterName, 'Send requests (and client connections) through this reverse proxy, e.g. an Azure Application Gateway in front of the service; tokens still name the service''s endpoint')
            [CompletionResult]::new('--api-version', '--api-version', [CompletionResultType]::ParameterName, 'REST api-version to call [default: 2024-01-01; 2024-12-01 for group list-connections]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds the whole operation may take, retries and their waits included (for `apply`, each action; for `list-connections`, all pages). A retry that would end later is not made')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries on 429, 5xx and connection failures (with backoff, honouring Retry-After as seconds or a date), within --timeout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)')
            [CompletionResult]::new('--exit-zero', '--exit-zero', [CompletionResultType]::ParameterName, 'exist and permission check: answer `false` with exit 0 (as az does) instead of exit 1, for scripts that read the answer rather than the exit code')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print each HTTP request and response on stderr (access key and tokens redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print each HTTP request and response on stderr (access key and tokens redacted)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the request that would be sent, and send nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'webpubsub;service;connection;exist' {
            [CompletionResult]::new('--connection-id', '--connection-id', [CompletionResultType]::ParameterName, 'The connection id')
            [CompletionResult]::new('--connection-string', '--connection-string', [CompletionResultType]::ParameterName, 'Connection string: Endpoint=https://<name>.webpubsub.azure.com;AccessKey=<key>;Version=1.0; or, to sign in with a managed identity, Endpoint=…;AuthType=azure.msi[;ClientId=<id>]; [default: the local emulator''s, Endpoint=http://localhost:8080;…]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Service endpoint, with --access-key, or alone to sign in with Entra ID')
            [CompletionResult]::new('--access-key', '--access-key', [CompletionResultType]::ParameterName, 'Access key for --endpoint')
            [CompletionResult]::new('--hub-name', '--hub-name', [CompletionResultType]::ParameterName, 'Hub name (case-insensitive on the service)')
            [CompletionResult]::new('--hub', '--hub', [CompletionResultType]::ParameterName, 'Hub name (case-insensitive on the service)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)')
            [CompletionResult]::new('-g', '-g', [CompletionResultType]::ParameterName, 'Resource group of the resource')
            [CompletionResult]::new('--resource-group', '--resource-group', [CompletionResultType]::ParameterName, 'Resource group of the resource')
            [CompletionResult]::new('--subscription', '--subscription', [CompletionResultType]::ParameterName, 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az''s default subscription]')
            [CompletionResult]::new('--ids', '--ids', [CompletionResultType]::ParameterName, 'The resource''s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME')
            [CompletionResult]::new('--arm-endpoint', '--arm-endpoint', [CompletionResultType]::ParameterName, 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'How to sign data-plane requests: key (an access key: from the connection string, or listed through Azure Resource Manager with -n/-g) or entra (an Entra ID token: az login, azd, a service principal, workload or managed identity from the environment) [default: key when one is available, else entra]')
            [CompletionResult]::new('--reverse-proxy', '--reverse-proxy', [CompletionResultType]::ParameterName, 'Send requests (and client connections) through this reverse proxy, e.g. an Azure Application Gateway in front of the service; tokens still name the service''s endpoint')
            [CompletionResult]::new('--api-version', '--api-version', [CompletionResultType]::ParameterName, 'REST api-version to call [default: 2024-01-01; 2024-12-01 for group list-connections]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds the whole operation may take, retries and their waits included (for `apply`, each action; for `list-connections`, all pages). A retry that would end later is not made')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries on 429, 5xx and connection failures (with backoff, honouring Retry-After as seconds or a date), within --timeout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)')
            [CompletionResult]::new('--exit-zero', '--exit-zero', [CompletionResultType]::ParameterName, 'exist and permission check: answer `false` with exit 0 (as az does) instead of exit 1, for scripts that read the answer rather than the exit code')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print each HTTP request and response on stderr (access key and tokens redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print each HTTP request and response on stderr (access key and tokens redacted)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the request that would be sent, and send nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'webpubsub;service;connection;exists' {
            [CompletionResult]::new('--connection-id', '--connection-id', [CompletionResultType]::ParameterName, 'The connection id')
            [CompletionResult]::new('--connection-string', '--connection-string', [CompletionResultType]::ParameterName, 'Connection string: Endpoint=https://<name>.webpubsub.azure.com;AccessKey=<key>;Version=1.0; or, to sign in with a managed identity, Endpoint=…;AuthType=azure.msi[;ClientId=<id>]; [default: the local emulator''s, Endpoint=http://localhost:8080;…]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Service endpoint, with --access-key, or alone to sign in with Entra ID')
            [CompletionResult]::new('--access-key', '--access-key', [CompletionResultType]::ParameterName, 'Access key for --endpoint')
            [CompletionResult]::new('--hub-name', '--hub-name', [CompletionResultType]::ParameterName, 'Hub name (case-insensitive on the service)')
            [CompletionResult]::new('--hub', '--hub', [CompletionResultType]::ParameterName, 'Hub name (case-insensitive on the service)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)')
            [CompletionResult]::new('-g', '-g', [CompletionResultType]::ParameterName, 'Resource group of the resource')
            [CompletionResult]::new('--resource-group', '--resource-group', [CompletionResultType]::ParameterName, 'Resource group of the resource')
            [CompletionResult]::new('--subscription', '--subscription', [CompletionResultType]::ParameterName, 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az''s default subscription]')
            [CompletionResult]::new('--ids', '--ids', [CompletionResultType]::ParameterName, 'The resource''s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME')
            [CompletionResult]::new('--arm-endpoint', '--arm-endpoint', [CompletionResultType]::ParameterName, 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'How to sign data-plane requests: key (an access key: from the connection string, or listed through Azure Resource Manager with -n/-g) or entra (an Entra ID token: az login, azd, a service principal, workload or managed identity from the environment) [default: key when one is available, else entra]')
            [CompletionResult]::new('--reverse-proxy', '--reverse-proxy', [CompletionResultType]::ParameterName, 'Send requests (and client connections) through this reverse proxy, e.g. an Azure Application Gateway in front of the service; tokens still name the service''s endpoint')
            [CompletionResult]::new('--api-version', '--api-version', [CompletionResultType]::ParameterName, 'REST api-version to call [default: 2024-01-01; 2024-12-01 for group list-connections]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds the whole operation may take, retries and their waits included (for `apply`, each action; for `list-connections`, all pages). A retry that would end later is not made')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries on 429, 5xx and connection failures (with backoff, honouring Retry-After as seconds or a date), within --timeout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)')
            [CompletionResult]::new('--exit-zero', '--exit-zero', [CompletionResultType]::ParameterName, 'exist and permission check: answer `false` with exit 0 (as az does) instead of exit 1, for scripts that read the answer rather than the exit code')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print each HTTP request and response on stderr (access key and tokens redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print each HTTP request and response on stderr (access key and tokens redacted)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the request that would be sent, and send nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'webpubsub;service;connection;close' {
            [CompletionResult]::new('--connection-id', '--connection-id', [CompletionResultType]::ParameterName, 'The connection id')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Reason, shown to the client in its `disconnected` message')
            [CompletionResult]::new('--connection-string', '--connection-string', [CompletionResultType]::ParameterName, 'Connection string: Endpoint=https://<name>.webpubsub.azure.com;AccessKey=<key>;Version=1.0; or, to sign in with a managed identity, Endpoint=…;AuthType=azure.msi[;ClientId=<id>]; [default: the local emulator''s, Endpoint=http://localhost:8080;…]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Service endpoint, with --access-key, or alone to sign in with Entra ID')
            [CompletionResult]::new('--access-key', '--access-key', [CompletionResultType]::ParameterName, 'Access key for --endpoint')
            [CompletionResult]::new('--hub-name', '--hub-name', [CompletionResultType]::ParameterName, 'Hub name (case-insensitive on the service)')
            [CompletionResult]::new('--hub', '--hub', [CompletionResultType]::ParameterName, 'Hub name (case-insensitive on the service)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)')
            [CompletionResult]::new('-g', '-g', [CompletionResultType]::ParameterName, 'Resource group of the resource')
            [CompletionResult]::new('--resource-group', '--resource-group', [CompletionResultType]::ParameterName, 'Resource group of the resource')
            [CompletionResult]::new('--subscription', '--subscription', [CompletionResultType]::ParameterName, 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az''s default subscription]')
            [CompletionResult]::new('--ids', '--ids', [CompletionResultType]::ParameterName, 'The resource''s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME')
            [CompletionResult]::new('--arm-endpoint', '--arm-endpoint', [CompletionResultType]::ParameterName, 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'How to sign data-plane requests: key (an access key: from the connection string, or listed through Azure Resource Manager with -n/-g) or entra (an Entra ID token: az login, azd, a service principal, workload or managed identity from the environment) [default: key when one is available, else entra]')
            [CompletionResult]::new('--reverse-proxy', '--reverse-proxy', [CompletionResultType]::ParameterName, 'Send requests (and client connections) through this reverse proxy, e.g. an Azure Application Gateway in front of the service; tokens still name the service''s endpoint')
            [CompletionResult]::new('--api-version', '--api-version', [CompletionResultType]::ParameterName, 'REST api-version to call [default: 2024-01-01; 2024-12-01 for group list-connections]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds the whole operation may take, retries and their waits included (for `apply`, each action; for `list-connections`, all pages). A retry that would end later is not made')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries on 429, 5xx and connection failures (with backoff, honouring Retry-After as seconds or a date), within --timeout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)')
            [CompletionResult]::new('--exit-zero', '--exit-zero', [CompletionResultType]::ParameterName, 'exist and permission check: answer `false` with exit 0 (as az does) instead of exit 1, for scripts that read the answer rather than the exit code')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print each HTTP request and response on stderr (access key and tokens redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print each HTTP request and response on stderr (access key and tokens redacted)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the request that would be sent, and send nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'webpubsub;service;connection;remove-from-all-groups' {
            [CompletionResult]::new('--connection-id', '--connection-id', [CompletionResultType]::ParameterName, 'The connection id')
            [CompletionResult]::new('--connection-string', '--connection-string', [CompletionResultType]::ParameterName, 'Connection string: Endpoint=https://<name>.webpubsub.azure.com;AccessKey=<key>;Version=1.0; or, to sign in with a managed identity, Endpoint=…;AuthType=azure.msi[;ClientId=<id>]; [default: the local emulator''s, Endpoint=http://localhost:8080;…]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Service endpoint, with --access-key, or alone to sign in with Entra ID')
            [CompletionResult]::new('--access-key', '--access-key', [CompletionResultType]::ParameterName, 'Access key for --endpoint')
            [CompletionResult]::new('--hub-name', '--hub-name', [CompletionResultType]::ParameterName, 'Hub name (case-insensitive on the service)')
            [CompletionResult]::new('--hub', '--hub', [CompletionResultType]::ParameterName, 'Hub name (case-insensitive on the service)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)')
            [CompletionResult]::new('-g', '-g', [CompletionResultType]::ParameterName, 'Resource group of the resource')
            [CompletionResult]::new('--resource-group', '--resource-group', [CompletionResultType]::ParameterName, 'Resource group of the resource')
            [CompletionResult]::new('--subscription', '--subscription', [CompletionResultType]::ParameterName, 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az''s default subscription]')
            [CompletionResult]::new('--ids', '--ids', [CompletionResultType]::ParameterName, 'The resource''s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME')
            [CompletionResult]::new('--arm-endpoint', '--arm-endpoint', [CompletionResultType]::ParameterName, 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'How to sign data-plane requests: key (an access key: from the connection string, or listed through Azure Resource Manager with -n/-g) or entra (an Entra ID token: az login, azd, a service principal, workload or managed identity from the environment) [default: key when one is available, else entra]')
            [CompletionResult]::new('--reverse-proxy', '--reverse-proxy', [CompletionResultType]::ParameterName, 'Send requests (and client connections) through this reverse proxy, e.g. an Azure Application Gateway in front of the service; tokens still name the service''s endpoint')
            [CompletionResult]::new('--api-version', '--api-version', [CompletionResultType]::ParameterName, 'REST api-version to call [default: 2024-01-01; 2024-12-01 for group list-connections]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds the whole operation may take, retries and their waits included (for `apply`, each action; for `list-connections`, all pages). A retry that would end later is not made')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries on 429, 5xx and connection failures (with backoff, honouring Retry-After as seconds or a date), within --timeout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)')
            [CompletionResult]::new('--exit-zero', '--exit-zero', [CompletionResultType]::ParameterName, 'exist and permission check: answer `false` with exit 0 (as az does) instead of exit 1, for scripts that read the answer rather than the exit code')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print each HTTP request and response on stderr (access key and tokens redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print each HTTP request and response on stderr (access key and tokens redacted)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the request that would be sent, and send nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'webpubsub;service;connection;help' {
            [CompletionResult]::new('send', 'send', [CompletionResultType]::ParameterValue, 'Send a message to one connection (202 even if it does not exist)')
            [CompletionResult]::new('exist', 'exist', [CompletionResultType]::ParameterValue, 'Exit 0 if the connection exists, 1 if not')
            [CompletionResult]::new('close', 'close', [CompletionResultType]::ParameterValue, 'Close a connection')
            [CompletionResult]::new('remove-from-all-groups', 'remove-from-all-groups', [CompletionResultType]::ParameterValue, 'Remove a connection from all its groups')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'webpubsub;service;connection;help;send' {
            break
        }
        'webpubsub;service;connection;help;exist' {
            break
        }
        'webpubsub;service;connection;help;close' {
            break
        }
        'webpubsub;service;connection;help;remove-from-all-groups' {
            break
        }
        'webpubsub;service;connection;help;help' {
            break
        }
        'webpubsub;service;group' {
            [CompletionResult]::new('--connection-string', '--connection-string', [CompletionResultType]::ParameterName, 'Connection string: Endpoint=https://<name>.webpubsub.azure.com;AccessKey=<key>;Version=1.0; or, to sign in with a managed identity, Endpoint=…;AuthType=azure.msi[;ClientId=<id>]; [default: the local emulator''s, Endpoint=http://localhost:8080;…]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Service endpoint, with --access-key, or alone to sign in with Entra ID')
            [CompletionResult]::new('--access-key', '--access-key', [CompletionResultType]::ParameterName, 'Access key for --endpoint')
            [CompletionResult]::new('--hub-name', '--hub-name', [CompletionResultType]::ParameterName, 'Hub name (case-insensitive on the service)')
            [CompletionResult]::new('--hub', '--hub', [CompletionResultType]::ParameterName, 'Hub name (case-insensitive on the service)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)')
            [CompletionResult]::new('-g', '-g', [CompletionResultType]::ParameterName, 'Resource group of the resource')
            [CompletionResult]::new('--resource-group', '--resource-group', [CompletionResultType]::ParameterName, 'Resource group of the resource')
            [CompletionResult]::new('--subscription', '--subscription', [CompletionResultType]::ParameterName, 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az''s default subscription]')
            [CompletionResult]::new('--ids', '--ids', [CompletionResultType]::ParameterName, 'The resource''s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME')
            [CompletionResult]::new('--arm-endpoint', '--arm-endpoint', [CompletionResultType]::ParameterName, 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'How to sign data-plane requests: key (an access key: from the connection string, or listed through Azure Resource Manager with -n/-g) or entra (an Entra ID token: az login, azd, a service principal, workload or managed identity from the environment) [default: key when one is available, else entra]')
            [CompletionResult]::new('--reverse-proxy', '--reverse-proxy', [CompletionResultType]::ParameterName, 'Send requests (and client connections) through this reverse proxy, e.g. an Azure Application Gateway in front of the service; tokens still name the service''s endpoint')
            [CompletionResult]::new('--api-version', '--api-version', [CompletionResultType]::ParameterName, 'REST api-version to call [default: 2024-01-01; 2024-12-01 for group list-connections]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds the whole operation may take, retries and their waits included (for `apply`, each action; for `list-connections`, all pages). A retry that would end later is not made')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries on 429, 5xx and connection failures (with backoff, honouring Retry-After as seconds or a date), within --timeout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)')
            [CompletionResult]::new('--exit-zero', '--exit-zero', [CompletionResultType]::ParameterName, 'exist and permission check: answer `false` with exit 0 (as az does) instead of exit 1, for scripts that read the answer rather than the exit code')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print each HTTP request and response on stderr (access key and tokens redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print each HTTP request and response on stderr (access key and tokens redacted)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the request that would be sent, and send nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('send', 'send', [CompletionResultType]::ParameterValue, 'Send a message to every connection in a group')
            [CompletionResult]::new('add-connection', 'add-connection', [CompletionResultType]::ParameterValue, 'Add a connection to a group')
            [CompletionResult]::new('remove-connection', 'remove-connection', [CompletionResultType]::ParameterValue, 'Remove a connection from a group')
            [CompletionResult]::new('add-user', 'add-user', [CompletionResultType]::ParameterValue, 'Add every connection of a user to a group')
            [CompletionResult]::new('remove-user', 'remove-user', [CompletionResultType]::ParameterValue, 'Remove a user from a group (or, without --group-name, from all groups, as az does)')
            [CompletionResult]::new('exist', 'exist', [CompletionResultType]::ParameterValue, 'Exit 0 if the group has connections, 1 if not')
            [CompletionResult]::new('exists', 'exists', [CompletionResultType]::ParameterValue, 'Exit 0 if the group has connections, 1 if not')
            [CompletionResult]::new('close', 'close', [CompletionResultType]::ParameterValue, 'Close every connection in a group')
            [CompletionResult]::new('list-connections', 'list-connections', [CompletionResultType]::ParameterValue, 'List the connections in a group (api-version 2024-12-01)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'webpubsub;service;group;send' {
            [CompletionResult]::new('--group-name', '--group-name', [CompletionResultType]::ParameterName, 'The group name')
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'The group name')
            [CompletionResult]::new('--payload', '--payload', [CompletionResultType]::ParameterName, 'The message, as text (sent as text/plain unless --content-type says otherwise)')
            [CompletionResult]::new('--payload-file', '--payload-file', [CompletionResultType]::ParameterName, 'Read the message from a file, or - for stdin (sent as application/octet-stream unless --content-type says otherwise)')
            [CompletionResult]::new('--content-type', '--content-type', [CompletionResultType]::ParameterName, 'text (text/plain), json (application/json, checked before sending) or binary (application/octet-stream)')
            [CompletionResult]::new('--excluded', '--excluded', [CompletionResultType]::ParameterName, 'Leave out this connection (repeatable)')
            [CompletionResult]::new('--filter', '--filter', [CompletionResultType]::ParameterName, 'OData filter selecting recipients, e.g. "userId ne ''bob''" or "''g1'' in groups"')
            [CompletionResult]::new('--ttl', '--ttl', [CompletionResultType]::ParameterName, 'Drop the message for receivers that have not taken it within this many seconds (0-300; 0, the default, never expires). REST `messageTtlSeconds`')
            [CompletionResult]::new('--metadata', '--metadata', [CompletionResultType]::ParameterName, 'A metadata pair for the receivers (repeatable), sent as an `X-WebPubSub-Metadata-KEY` header; JSON clients get it in the message''s `metadata`. KEY: letters, digits and !#$%&''*+-.^_`|~; VALUE: ASCII, at most 1024 bytes')
            [CompletionResult]::new('--connection-string', '--connection-string', [CompletionResultType]::ParameterName, 'Connection string: Endpoint=https://<name>.webpubsub.azure.com;AccessKey=<key>;Version=1.0; or, to sign in with a managed identity, Endpoint=…;AuthType=azure.msi[;ClientId=<id>]; [default: the local emulator''s, Endpoint=http://localhost:8080;…]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Service endpoint, with --access-key, or alone to sign in with Entra ID')
            [CompletionResult]::new('--access-key', '--access-key', [CompletionResultType]::ParameterName, 'Access key for --endpoint')
            [CompletionResult]::new('--hub-name', '--hub-name', [CompletionResultType]::ParameterName, 'Hub name (case-insensitive on the service)')
            [CompletionResult]::new('--hub', '--hub', [CompletionResultType]::ParameterName, 'Hub name (case-insensitive on the service)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)')
            [CompletionResult]::new('-g', '-g', [CompletionResultType]::ParameterName, 'Resource group of the resource')
            [CompletionResult]::new('--resource-group', '--resource-group', [CompletionResultType]::ParameterName, 'Resource group of the resource')
            [CompletionResult]::new('--subscription', '--subscription', [CompletionResultType]::ParameterName, 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az''s default subscription]')
            [CompletionResult]::new('--ids', '--ids', [CompletionResultType]::ParameterName, 'The resource''s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME')
            [CompletionResult]::new('--arm-endpoint', '--arm-endpoint', [CompletionResultType]::ParameterName, 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'How to sign data-plane requests: key (an access key: from the connection string, or listed through Azure Resource Manager with -n/-g) or entra (an Entra ID token: az login, azd, a service principal, workload or managed identity from the environment) [default: key when one is available, else entra]')
            [CompletionResult]::new('--reverse-proxy', '--reverse-proxy', [CompletionResultType]::ParameterName, 'Send requests (and client connections) through this reverse proxy, e.g. an Azure Application Gateway in front of the service; tokens still name the service''s endpoint')
            [CompletionResult]::new('--api-version', '--api-version', [CompletionResultType]::ParameterName, 'REST api-version to call [default: 2024-01-01; 2024-12-01 for group list-connections]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds the whole operation may take, retries and their waits included (for `apply`, each action; for `list-connections`, all pages). A retry that would end later is not made')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries on 429, 5xx and connection failures (with backoff, honouring Retry-After as seconds or a date), within --timeout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)')
            [CompletionResult]::new('--exit-zero', '--exit-zero', [CompletionResultType]::ParameterName, 'exist and permission check: answer `false` with exit 0 (as az does) instead of exit 1, for scripts that read the answer rather than the exit code')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print each HTTP request and response on stderr (access key and tokens redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print each HTTP request and response on stderr (access key and tokens redacted)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the request that would be sent, and send nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'webpubsub;service;group;add-connection' {
            [CompletionResult]::new('--group-name', '--group-name', [CompletionResultType]::ParameterName, 'The group name')
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'The group name')
            [CompletionResult]::new('--connection-id', '--connection-id', [CompletionResultType]::ParameterName, 'The connection id')
            [CompletionResult]::new('--connection-string', '--connection-string', [CompletionResultType]::ParameterName, 'Connection string: Endpoint=https://<name>.webpubsub.azure.com;AccessKey=<key>;Version=1.0; or, to sign in with a managed identity, Endpoint=…;AuthType=azure.msi[;ClientId=<id>]; [default: the local emulator''s, Endpoint=http://localhost:8080;…]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Service endpoint, with --access-key, or alone to sign in with Entra ID')
            [CompletionResult]::new('--access-key', '--access-key', [CompletionResultType]::ParameterName, 'Access key for --endpoint')
            [CompletionResult]::new('--hub-name', '--hub-name', [CompletionResultType]::ParameterName, 'Hub name (case-insensitive on the service)')
            [CompletionResult]::new('--hub', '--hub', [CompletionResultType]::ParameterName, 'Hub name (case-insensitive on the service)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)')
            [CompletionResult]::new('-g', '-g', [CompletionResultType]::ParameterName, 'Resource group of the resource')
            [CompletionResult]::new('--resource-group', '--resource-group', [CompletionResultType]::ParameterName, 'Resource group of the resource')
            [CompletionResult]::new('--subscription', '--subscription', [CompletionResultType]::ParameterName, 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az''s default subscription]')
            [CompletionResult]::new('--ids', '--ids', [CompletionResultType]::ParameterName, 'The resource''s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME')
            [CompletionResult]::new('--arm-endpoint', '--arm-endpoint', [CompletionResultType]::ParameterName, 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'How to sign data-plane requests: key (an access key: from the connection string, or listed through Azure Resource Manager with -n/-g) or entra (an Entra ID token: az login, azd, a service principal, workload or managed identity from the environment) [default: key when one is available, else entra]')
            [CompletionResult]::new('--reverse-proxy', '--reverse-proxy', [CompletionResultType]::ParameterName, 'Send requests (and client connections) through this reverse proxy, e.g. an Azure Application Gateway in front of the service; tokens still name the service''s endpoint')
            [CompletionResult]::new('--api-version', '--api-version', [CompletionResultType]::ParameterName, 'REST api-version to call [default: 2024-01-01; 2024-12-01 for group list-connections]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds the whole operation may take, retries and their waits included (for `apply`, each action; for `list-connections`, all pages). A retry that would end later is not made')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries on 429, 5xx and connection failures (with backoff, honouring Retry-After as seconds or a date), within --timeout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)')
            [CompletionResult]::new('--exit-zero', '--exit-zero', [CompletionResultType]::ParameterName, 'exist and permission check: answer `false` with exit 0 (as az does) instead of exit 1, for scripts that read the answer rather than the exit code')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print each HTTP request and response on stderr (access key and tokens redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print each HTTP request and response on stderr (access key and tokens redacted)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the request that would be sent, and send nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'webpubsub;service;group;remove-connection' {
            [CompletionResult]::new('--group-name', '--group-name', [CompletionResultType]::ParameterName, 'The group name')
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'The group name')
            [CompletionResult]::new('--connection-id', '--connection-id', [CompletionResultType]::ParameterName, 'The connection id')
            [CompletionResult]::new('--connection-string', '--connection-string', [CompletionResultType]::ParameterName, 'Connection string: Endpoint=https://<name>.webpubsub.azure.com;AccessKey=<key>;Version=1.0; or, to sign in with a managed identity, Endpoint=…;AuthType=azure.msi[;ClientId=<id>]; [default: the local emulator''s, Endpoint=http://localhost:8080;…]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Service endpoint, with --access-key, or alone to sign in with Entra ID')
            [CompletionResult]::new('--access-key', '--access-key', [CompletionResultType]::ParameterName, 'Access key for --endpoint')
            [CompletionResult]::new('--hub-name', '--hub-name', [CompletionResultType]::ParameterName, 'Hub name (case-insensitive on the service)')
            [CompletionResult]::new('--hub', '--hub', [CompletionResultType]::ParameterName, 'Hub name (case-insensitive on the service)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)')
            [CompletionResult]::new('-g', '-g', [CompletionResultType]::ParameterName, 'Resource group of the resource')
            [CompletionResult]::new('--resource-group', '--resource-group', [CompletionResultType]::ParameterName, 'Resource group of the resource')
            [CompletionResult]::new('--subscription', '--subscription', [CompletionResultType]::ParameterName, 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az''s default subscription]')
            [CompletionResult]::new('--ids', '--ids', [CompletionResultType]::ParameterName, 'The resource''s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME')
            [CompletionResult]::new('--arm-endpoint', '--arm-endpoint', [CompletionResultType]::ParameterName, 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'How to sign data-plane requests: key (an access key: from the connection string, or listed through Azure Resource Manager with -n/-g) or entra (an Entra ID token: az login, azd, a service principal, workload or managed identity from the environment) [default: key when one is available, else entra]')
            [CompletionResult]::new('--reverse-proxy', '--reverse-proxy', [CompletionResultType]::ParameterName, 'Send requests (and client connections) through this reverse proxy, e.g. an Azure Application Gateway in front of the service; tokens still name the service''s endpoint')
            [CompletionResult]::new('--api-version', '--api-version', [CompletionResultType]::ParameterName, 'REST api-version to call [default: 2024-01-01; 2024-12-01 for group list-connections]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds the whole operation may take, retries and their waits included (for `apply`, each action; for `list-connections`, all pages). A retry that would end later is not made')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries on 429, 5xx and connection failures (with backoff, honouring Retry-After as seconds or a date), within --timeout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)')
            [CompletionResult]::new('--exit-zero', '--exit-zero', [CompletionResultType]::ParameterName, 'exist and permission check: answer `false` with exit 0 (as az does) instead of exit 1, for scripts that read the answer rather than the exit code')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print each HTTP request and response on stderr (access key and tokens redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print each HTTP request and response on stderr (access key and tokens redacted)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the request that would be sent, and send nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'webpubsub;service;group;add-user' {
            [CompletionResult]::new('--group-name', '--group-name', [CompletionResultType]::ParameterName, 'The group name')
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'The group name')
            [CompletionResult]::new('--user-id', '--user-id', [CompletionResultType]::ParameterName, 'The user id')
            [CompletionResult]::new('--connection-string', '--connection-string', [CompletionResultType]::ParameterName, 'Connection string: Endpoint=https://<name>.webpubsub.azure.com;AccessKey=<key>;Version=1.0; or, to sign in with a managed identity, Endpoint=…;AuthType=azure.msi[;ClientId=<id>]; [default: the local emulator''s, Endpoint=http://localhost:8080;…]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Service endpoint, with --access-key, or alone to sign in with Entra ID')
            [CompletionResult]::new('--access-key', '--access-key', [CompletionResultType]::ParameterName, 'Access key for --endpoint')
            [CompletionResult]::new('--hub-name', '--hub-name', [CompletionResultType]::ParameterName, 'Hub name (case-insensitive on the service)')
            [CompletionResult]::new('--hub', '--hub', [CompletionResultType]::ParameterName, 'Hub name (case-insensitive on the service)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)')
            [CompletionResult]::new('-g', '-g', [CompletionResultType]::ParameterName, 'Resource group of the resource')
            [CompletionResult]::new('--resource-group', '--resource-group', [CompletionResultType]::ParameterName, 'Resource group of the resource')
            [CompletionResult]::new('--subscription', '--subscription', [CompletionResultType]::ParameterName, 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az''s default subscription]')
            [CompletionResult]::new('--ids', '--ids', [CompletionResultType]::ParameterName, 'The resource''s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME')
            [CompletionResult]::new('--arm-endpoint', '--arm-endpoint', [CompletionResultType]::ParameterName, 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'How to sign data-plane requests: key (an access key: from the connection string, or listed through Azure Resource Manager with -n/-g) or entra (an Entra ID token: az login, azd, a service principal, workload or managed identity from the environment) [default: key when one is available, else entra]')
            [CompletionResult]::new('--reverse-proxy', '--reverse-proxy', [CompletionResultType]::ParameterName, 'Send requests (and client connections) through this reverse proxy, e.g. an Azure Application Gateway in front of the service; tokens still name the service''s endpoint')
            [CompletionResult]::new('--api-version', '--api-version', [CompletionResultType]::ParameterName, 'REST api-version to call [default: 2024-01-01; 2024-12-01 for group list-connections]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds the whole operation may take, retries and their waits included (for `apply`, each action; for `list-connections`, all pages). A retry that would end later is not made')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries on 429, 5xx and connection failures (with backoff, honouring Retry-After as seconds or a date), within --timeout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)')
            [CompletionResult]::new('--exit-zero', '--exit-zero', [CompletionResultType]::ParameterName, 'exist and permission check: answer `false` with exit 0 (as az does) instead of exit 1, for scripts that read the answer rather than the exit code')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print each HTTP request and response on stderr (access key and tokens redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print each HTTP request and response on stderr (access key and tokens redacted)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the request that would be sent, and send nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'webpubsub;service;group;remove-user' {
            [CompletionResult]::new('--group-name', '--group-name', [CompletionResultType]::ParameterName, 'The group; without it the user leaves every group')
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'The group; without it the user leaves every group')
            [CompletionResult]::new('--user-id', '--user-id', [CompletionResultType]::ParameterName, 'The user id')
            [CompletionResult]::new('--connection-string', '--connection-string', [CompletionResultType]::ParameterName, 'Connection string: Endpoint=https://<name>.webpubsub.azure.com;AccessKey=<key>;Version=1.0; or, to sign in with a managed identity, Endpoint=…;AuthType=azure.msi[;ClientId=<id>]; [default: the local emulator''s, Endpoint=http://localhost:8080;…]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Service endpoint, with --access-key, or alone to sign in with Entra ID')
            [CompletionResult]::new('--access-key', '--access-key', [CompletionResultType]::ParameterName, 'Access key for --endpoint')
            [CompletionResult]::new('--hub-name', '--hub-name', [CompletionResultType]::ParameterName, 'Hub name (case-insensitive on the service)')
            [CompletionResult]::new('--hub', '--hub', [CompletionResultType]::ParameterName, 'Hub name (case-insensitive on the service)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)')
            [CompletionResult]::new('-g', '-g', [CompletionResultType]::ParameterName, 'Resource group of the resource')
            [CompletionResult]::new('--resource-group', '--resource-group', [CompletionResultType]::ParameterName, 'Resource group of the resource')
            [CompletionResult]::new('--subscription', '--subscription', [CompletionResultType]::ParameterName, 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az''s default subscription]')
            [CompletionResult]::new('--ids', '--ids', [CompletionResultType]::ParameterName, 'The resource''s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME')
            [CompletionResult]::new('--arm-endpoint', '--arm-endpoint', [CompletionResultType]::ParameterName, 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'How to sign data-plane requests: key (an access key: from the connection string, or listed through Azure Resource Manager with -n/-g) or entra (an Entra ID token: az login, azd, a service principal, workload or managed identity from the environment) [default: key when one is available, else entra]')
            [CompletionResult]::new('--reverse-proxy', '--reverse-proxy', [CompletionResultType]::ParameterName, 'Send requests (and client connections) through this reverse proxy, e.g. an Azure Application Gateway in front of the service; tokens still name the service''s endpoint')
            [CompletionResult]::new('--api-version', '--api-version', [CompletionResultType]::ParameterName, 'REST api-version to call [default: 2024-01-01; 2024-12-01 for group list-connections]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds the whole operation may take, retries and their waits included (for `apply`, each action; for `list-connections`, all pages). A retry that would end later is not made')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries on 429, 5xx and connection failures (with backoff, honouring Retry-After as seconds or a date), within --timeout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)')
            [CompletionResult]::new('--exit-zero', '--exit-zero', [CompletionResultType]::ParameterName, 'exist and permission check: answer `false` with exit 0 (as az does) instead of exit 1, for scripts that read the answer rather than the exit code')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print each HTTP request and response on stderr (access key and tokens redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print each HTTP request and response on stderr (access key and tokens redacted)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the request that would be sent, and send nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'webpubsub;service;group;exist' {
            [CompletionResult]::new('--group-name', '--group-name', [CompletionResultType]::ParameterName, 'The group name')
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'The group name')
            [CompletionResult]::new('--connection-string', '--connection-string', [CompletionResultType]::ParameterName, 'Connection string: Endpoint=https://<name>.webpubsub.azure.com;AccessKey=<key>;Version=1.0; or, to sign in with a managed identity, Endpoint=…;AuthType=azure.msi[;ClientId=<id>]; [default: the local emulator''s, Endpoint=http://localhost:8080;…]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Service endpoint, with --access-key, or alone to sign in with Entra ID')
            [CompletionResult]::new('--access-key', '--access-key', [CompletionResultType]::ParameterName, 'Access key for --endpoint')
            [CompletionResult]::new('--hub-name', '--hub-name', [CompletionResultType]::ParameterName, 'Hub name (case-insensitive on the service)')
            [CompletionResult]::new('--hub', '--hub', [CompletionResultType]::ParameterName, 'Hub name (case-insensitive on the service)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)')
            [CompletionResult]::new('-g', '-g', [CompletionResultType]::ParameterName, 'Resource group of the resource')
            [CompletionResult]::new('--resource-group', '--resource-group', [CompletionResultType]::ParameterName, 'Resource group of the resource')
            [CompletionResult]::new('--subscription', '--subscription', [CompletionResultType]::ParameterName, 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az''s default subscription]')
            [CompletionResult]::new('--ids', '--ids', [CompletionResultType]::ParameterName, 'The resource''s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME')
            [CompletionResult]::new('--arm-endpoint', '--arm-endpoint', [CompletionResultType]::ParameterName, 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'How to sign data-plane requests: key (an access key: from the connection string, or listed through Azure Resource Manager with -n/-g) or entra (an Entra ID token: az login, azd, a service principal, workload or managed identity from the environment) [default: key when one is available, else entra]')
            [CompletionResult]::new('--reverse-proxy', '--reverse-proxy', [CompletionResultType]::ParameterName, 'Send requests (and client connections) through this reverse proxy, e.g. an Azure Application Gateway in front of the service; tokens still name the service''s endpoint')
            [CompletionResult]::new('--api-version', '--api-version', [CompletionResultType]::ParameterName, 'REST api-version to call [default: 2024-01-01; 2024-12-01 for group list-connections]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds the whole operation may take, retries and their waits included (for `apply`, each action; for `list-connections`, all pages). A retry that would end later is not made')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries on 429, 5xx and connection failures (with backoff, honouring Retry-After as seconds or a date), within --timeout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)')
            [CompletionResult]::new('--exit-zero', '--exit-zero', [CompletionResultType]::ParameterName, 'exist and permission check: answer `false` with exit 0 (as az does) instead of exit 1, for scripts that read the answer rather than the exit code')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print each HTTP request and response on stderr (access key and tokens redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print each HTTP request and response on stderr (access key and tokens redacted)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the request that would be sent, and send nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'webpubsub;service;group;exists' {
            [CompletionResult]::new('--group-name', '--group-name', [CompletionResultType]::ParameterName, 'The group name')
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'The group name')
            [CompletionResult]::new('--connection-string', '--connection-string', [CompletionResultType]::ParameterName, 'Connection string: Endpoint=https://<name>.webpubsub.azure.com;AccessKey=<key>;Version=1.0; or, to sign in with a managed identity, Endpoint=…;AuthType=azure.msi[;ClientId=<id>]; [default: the local emulator''s, Endpoint=http://localhost:8080;…]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Service endpoint, with --access-key, or alone to sign in with Entra ID')
            [CompletionResult]::new('--access-key', '--access-key', [CompletionResultType]::ParameterName, 'Access key for --endpoint')
            [CompletionResult]::new('--hub-name', '--hub-name', [CompletionResultType]::ParameterName, 'Hub name (case-insensitive on the service)')
            [CompletionResult]::new('--hub', '--hub', [CompletionResultType]::ParameterName, 'Hub name (case-insensitive on the service)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)')
            [CompletionResult]::new('-g', '-g', [CompletionResultType]::ParameterName, 'Resource group of the resource')
            [CompletionResult]::new('--resource-group', '--resource-group', [CompletionResultType]::ParameterName, 'Resource group of the resource')
            [CompletionResult]::new('--subscription', '--subscription', [CompletionResultType]::ParameterName, 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az''s default subscription]')
            [CompletionResult]::new('--ids', '--ids', [CompletionResultType]::ParameterName, 'The resource''s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME')
            [CompletionResult]::new('--arm-endpoint', '--arm-endpoint', [CompletionResultType]::ParameterName, 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'How to sign data-plane requests: key (an access key: from the connection string, or listed through Azure Resource Manager with -n/-g) or entra (an Entra ID token: az login, azd, a service principal, workload or managed identity from the environment) [default: key when one is available, else entra]')
            [CompletionResult]::new('--reverse-proxy', '--reverse-proxy', [CompletionResultType]::ParameterName, 'Send requests (and client connections) through this reverse proxy, e.g. an Azure Application Gateway in front of the service; tokens still name the service''s endpoint')
            [CompletionResult]::new('--api-version', '--api-version', [CompletionResultType]::ParameterName, 'REST api-version to call [default: 2024-01-01; 2024-12-01 for group list-connections]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds the whole operation may take, retries and their waits included (for `apply`, each action; for `list-connections`, all pages). A retry that would end later is not made')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries on 429, 5xx and connection failures (with backoff, honouring Retry-After as seconds or a date), within --timeout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)')
            [CompletionResult]::new('--exit-zero', '--exit-zero', [CompletionResultType]::ParameterName, 'exist and permission check: answer `false` with exit 0 (as az does) instead of exit 1, for scripts that read the answer rather than the exit code')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print each HTTP request and response on stderr (access key and tokens redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print each HTTP request and response on stderr (access key and tokens redacted)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the request that would be sent, and send nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'webpubsub;service;group;close' {
            [CompletionResult]::new('--group-name', '--group-name', [CompletionResultType]::ParameterName, 'The group name')
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'The group name')
            [CompletionResult]::new('--excluded', '--excluded', [CompletionResultType]::ParameterName, 'Keep this connection open (repeatable)')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Reason, shown to the clients in their `disconnected` message')
            [CompletionResult]::new('--connection-string', '--connection-string', [CompletionResultType]::ParameterName, 'Connection string: Endpoint=https://<name>.webpubsub.azure.com;AccessKey=<key>;Version=1.0; or, to sign in with a managed identity, Endpoint=…;AuthType=azure.msi[;ClientId=<id>]; [default: the local emulator''s, Endpoint=http://localhost:8080;…]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Service endpoint, with --access-key, or alone to sign in with Entra ID')
            [CompletionResult]::new('--access-key', '--access-key', [CompletionResultType]::ParameterName, 'Access key for --endpoint')
            [CompletionResult]::new('--hub-name', '--hub-name', [CompletionResultType]::ParameterName, 'Hub name (case-insensitive on the service)')
            [CompletionResult]::new('--hub', '--hub', [CompletionResultType]::ParameterName, 'Hub name (case-insensitive on the service)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)')
            [CompletionResult]::new('-g', '-g', [CompletionResultType]::ParameterName, 'Resource group of the resource')
            [CompletionResult]::new('--resource-group', '--resource-group', [CompletionResultType]::ParameterName, 'Resource group of the resource')
            [CompletionResult]::new('--subscription', '--subscription', [CompletionResultType]::ParameterName, 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az''s default subscription]')
            [CompletionResult]::new('--ids', '--ids', [CompletionResultType]::ParameterName, 'The resource''s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME')
            [CompletionResult]::new('--arm-endpoint', '--arm-endpoint', [CompletionResultType]::ParameterName, 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'How to sign data-plane requests: key (an access key: from the connection string, or listed through Azure Resource Manager with -n/-g) or entra (an Entra ID token: az login, azd, a service principal, workload or managed identity from the environment) [default: key when one is available, else entra]')
            [CompletionResult]::new('--reverse-proxy', '--reverse-proxy', [CompletionResultType]::ParameterName, 'Send requests (and client connections) through this reverse proxy, e.g. an Azure Application Gateway in front of the service; tokens still name the service''s endpoint')
            [CompletionResult]::new('--api-version', '--api-version', [CompletionResultType]::ParameterName, 'REST api-version to call [default: 2024-01-01; 2024-12-01 for group list-connections]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds the whole operation may take, retries and their waits included (for `apply`, each action; for `list-connections`, all pages). A retry that would end later is not made')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries on 429, 5xx and connection failures (with backoff, honouring Retry-After as seconds or a date), within --timeout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)')
            [CompletionResult]::new('--exit-zero', '--exit-zero', [CompletionResultType]::ParameterName, 'exist and permission check: answer `false` with exit 0 (as az does) instead of exit 1, for scripts that read the answer rather than the exit code')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print each HTTP request and response on stderr (access key and tokens redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print each HTTP request and response on stderr (access key and tokens redacted)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the request that would be sent, and send nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'webpubsub;service;group;list-connections' {
            [CompletionResult]::new('--group-name', '--group-name', [CompletionResultType]::ParameterName, 'The group name')
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'The group name')
            [CompletionResult]::new('--top', '--top', [CompletionResultType]::ParameterName, 'At most this many connections in all')
            [CompletionResult]::new('--max-page-size', '--max-page-size', [CompletionResultType]::ParameterName, 'Connections per page requested from the service (1-200)')
            [CompletionResult]::new('--connection-string', '--connection-string', [CompletionResultType]::ParameterName, 'Connection string: Endpoint=https://<name>.webpubsub.azure.com;AccessKey=<key>;Version=1.0; or, to sign in with a managed identity, Endpoint=…;AuthType=azure.msi[;ClientId=<id>]; [default: the local emulator''s, Endpoint=http://localhost:8080;…]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Service endpoint, with --access-key, or alone to sign in with Entra ID')
            [CompletionResult]::new('--access-key', '--access-key', [CompletionResultType]::ParameterName, 'Access key for --endpoint')
            [CompletionResult]::new('--hub-name', '--hub-name', [CompletionResultType]::ParameterName, 'Hub name (case-insensitive on the service)')
            [CompletionResult]::new('--hub', '--hub', [CompletionResultType]::ParameterName, 'Hub name (case-insensitive on the service)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)')
            [CompletionResult]::new('-g', '-g', [CompletionResultType]::ParameterName, 'Resource group of the resource')
            [CompletionResult]::new('--resource-group', '--resource-group', [CompletionResultType]::ParameterName, 'Resource group of the resource')
            [CompletionResult]::new('--subscription', '--subscription', [CompletionResultType]::ParameterName, 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az''s default subscription]')
            [CompletionResult]::new('--ids', '--ids', [CompletionResultType]::ParameterName, 'The resource''s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME')
            [CompletionResult]::new('--arm-endpoint', '--arm-endpoint', [CompletionResultType]::ParameterName, 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'How to sign data-plane requests: key (an access key: from the connection string, or listed through Azure Resource Manager with -n/-g) or entra (an Entra ID token: az login, azd, a service principal, workload or managed identity from the environment) [default: key when one is available, else entra]')
            [CompletionResult]::new('--reverse-proxy', '--reverse-proxy', [CompletionResultType]::ParameterName, 'Send requests (and client connections) through this reverse proxy, e.g. an Azure Application Gateway in front of the service; tokens still name the service''s endpoint')
            [CompletionResult]::new('--api-version', '--api-version', [CompletionResultType]::ParameterName, 'REST api-version to call [default: 2024-01-01; 2024-12-01 for group list-connections]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds the whole operation may take, retries and their waits included (for `apply`, each action; for `list-connections`, all pages). A retry that would end later is not made')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries on 429, 5xx and connection failures (with backoff, honouring Retry-After as seconds or a date), within --timeout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)')
            [CompletionResult]::new('--exit-zero', '--exit-zero', [CompletionResultType]::ParameterName, 'exist and permission check: answer `false` with exit 0 (as az does) instead of exit 1, for scripts that read the answer rather than the exit code')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print each HTTP request and response on stderr (access key and tokens redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print each HTTP request and response on stderr (access key and tokens redacted)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the request that would be sent, and send nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'webpubsub;service;group;help' {
            [CompletionResult]::new('send', 'send', [CompletionResultType]::ParameterValue, 'Send a message to every connection in a group')
            [CompletionResult]::new('add-connection', 'add-connection', [CompletionResultType]::ParameterValue, 'Add a connection to a group')
            [CompletionResult]::new('remove-connection', 'remove-connection', [CompletionResultType]::ParameterValue, 'Remove a connection from a group')
            [CompletionResult]::new('add-user', 'add-user', [CompletionResultType]::ParameterValue, 'Add every connection of a user to a group')
            [CompletionResult]::new('remove-user', 'remove-user', [CompletionResultType]::ParameterValue, 'Remove a user from a group (or, without --group-name, from all groups, as az does)')
            [CompletionResult]::new('exist', 'exist', [CompletionResultType]::ParameterValue, 'Exit 0 if the group has connections, 1 if not')
            [CompletionResult]::new('close', 'close', [CompletionResultType]::ParameterValue, 'Close every connection in a group')
            [CompletionResult]::new('list-connections', 'list-connections', [CompletionResultType]::ParameterValue, 'List the connections in a group (api-version 2024-12-01)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'webpubsub;service;group;help;send' {
            break
        }
        'webpubsub;service;group;help;add-connection' {
            break
        }
        'webpubsub;service;group;help;remove-connection' {
            break
        }
        'webpubsub;service;group;help;add-user' {
            break
        }
        'webpubsub;service;group;help;remove-user' {
            break
        }
        'webpubsub;service;group;help;exist' {
            break
        }
        'webpubsub;service;group;help;close' {
            break
        }
        'webpubsub;service;group;help;list-connections' {
            break
        }
        'webpubsub;service;group;help;help' {
            break
        }
        'webpubsub;service;user' {
            [CompletionResult]::new('--connection-string', '--connection-string', [CompletionResultType]::ParameterName, 'Connection string: Endpoint=https://<name>.webpubsub.azure.com;AccessKey=<key>;Version=1.0; or, to sign in with a managed identity, Endpoint=…;AuthType=azure.msi[;ClientId=<id>]; [default: the local emulator''s, Endpoint=http://localhost:8080;…]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Service endpoint, with --access-key, or alone to sign in with Entra ID')
            [CompletionResult]::new('--access-key', '--access-key', [CompletionResultType]::ParameterName, 'Access key for --endpoint')
            [CompletionResult]::new('--hub-name', '--hub-name', [CompletionResultType]::ParameterName, 'Hub name (case-insensitive on the service)')
            [CompletionResult]::new('--hub', '--hub', [CompletionResultType]::ParameterName, 'Hub name (case-insensitive on the service)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)')
            [CompletionResult]::new('-g', '-g', [CompletionResultType]::ParameterName, 'Resource group of the resource')
            [CompletionResult]::new('--resource-group', '--resource-group', [CompletionResultType]::ParameterName, 'Resource group of the resource')
            [CompletionResult]::new('--subscription', '--subscription', [CompletionResultType]::ParameterName, 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az''s default subscription]')
            [CompletionResult]::new('--ids', '--ids', [CompletionResultType]::ParameterName, 'The resource''s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME')
            [CompletionResult]::new('--arm-endpoint', '--arm-endpoint', [CompletionResultType]::ParameterName, 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'How to sign data-plane requests: key (an access key: from the connection string, or listed through Azure Resource Manager with -n/-g) or entra (an Entra ID token: az login, azd, a service principal, workload or managed identity from the environment) [default: key when one is available, else entra]')
            [CompletionResult]::new('--reverse-proxy', '--reverse-proxy', [CompletionResultType]::ParameterName, 'Send requests (and client connections) through this reverse proxy, e.g. an Azure Application Gateway in front of the service; tokens still name the service''s endpoint')
            [CompletionResult]::new('--api-version', '--api-version', [CompletionResultType]::ParameterName, 'REST api-version to call [default: 2024-01-01; 2024-12-01 for group list-connections]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds the whole operation may take, retries and their waits included (for `apply`, each action; for `list-connections`, all pages). A retry that would end later is not made')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries on 429, 5xx and connection failures (with backoff, honouring Retry-After as seconds or a date), within --timeout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)')
            [CompletionResult]::new('--exit-zero', '--exit-zero', [CompletionResultType]::ParameterName, 'exist and permission check: answer `false` with exit 0 (as az does) instead of exit 1, for scripts that read the answer rather than the exit code')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print each HTTP request and response on stderr (access key and tokens redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print each HTTP request and response on stderr (access key and tokens redacted)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the request that would be sent, and send nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('send', 'send', [CompletionResultType]::ParameterValue, 'Send a message to every connection of a user')
            [CompletionResult]::new('exist', 'exist', [CompletionResultType]::ParameterValue, 'Exit 0 if the user has connections, 1 if not')
            [CompletionResult]::new('exists', 'exists', [CompletionResultType]::ParameterValue, 'Exit 0 if the user has connections, 1 if not')
            [CompletionResult]::new('close', 'close', [CompletionResultType]::ParameterValue, 'Close every connection of a user')
            [CompletionResult]::new('remove-from-all-groups', 'remove-from-all-groups', [CompletionResultType]::ParameterValue, 'Remove a user from all groups')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'webpubsub;service;user;send' {
            [CompletionResult]::new('--user-id', '--user-id', [CompletionResultType]::ParameterName, 'The user id')
            [CompletionResult]::new('--payload', '--payload', [CompletionResultType]::ParameterName, 'The message, as text (sent as text/plain unless --content-type says otherwise)')
            [CompletionResult]::new('--payload-file', '--payload-file', [CompletionResultType]::ParameterName, 'Read the message from a file, or - for stdin (sent as application/octet-stream unless --content-type says otherwise)')
            [CompletionResult]::new('--content-type', '--content-type', [CompletionResultType]::ParameterName, 'text (text/plain), json (application/json, checked before sending) or binary (application/octet-stream)')
            [CompletionResult]::new('--filter', '--filter', [CompletionResultType]::ParameterName, 'OData filter selecting among the user''s connections')
            [CompletionResult]::new('--ttl', '--ttl', [CompletionResultType]::ParameterName, 'Drop the message for receivers that have not taken it within this many seconds (0-300; 0, the default, never expires). REST `messageTtlSeconds`')
            [CompletionResult]::new('--metadata', '--metadata', [CompletionResultType]::ParameterName, 'A metadata pair for the receivers (repeatable), sent as an `X-WebPubSub-Metadata-KEY` header; JSON clients get it in the message''s `metadata`. KEY: letters, digits and !#$%&''*+-.^_`|~; VALUE: ASCII, at most 1024 bytes')
            [CompletionResult]::new('--connection-string', '--connection-string', [CompletionResultType]::ParameterName, 'Connection string: Endpoint=https://<name>.webpubsub.azure.com;AccessKey=<key>;Version=1.0; or, to sign in with a managed identity, Endpoint=…;AuthType=azure.msi[;ClientId=<id>]; [default: the local emulator''s, Endpoint=http://localhost:8080;…]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Service endpoint, with --access-key, or alone to sign in with Entra ID')
            [CompletionResult]::new('--access-key', '--access-key', [CompletionResultType]::ParameterName, 'Access key for --endpoint')
            [CompletionResult]::new('--hub-name', '--hub-name', [CompletionResultType]::ParameterName, 'Hub name (case-insensitive on the service)')
            [CompletionResult]::new('--hub', '--hub', [CompletionResultType]::ParameterName, 'Hub name (case-insensitive on the service)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)')
            [CompletionResult]::new('-g', '-g', [CompletionResultType]::ParameterName, 'Resource group of the resource')
            [CompletionResult]::new('--resource-group', '--resource-group', [CompletionResultType]::ParameterName, 'Resource group of the resource')
            [CompletionResult]::new('--subscription', '--subscription', [CompletionResultType]::ParameterName, 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az''s default subscription]')
            [CompletionResult]::new('--ids', '--ids', [CompletionResultType]::ParameterName, 'The resource''s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME')
            [CompletionResult]::new('--arm-endpoint', '--arm-endpoint', [CompletionResultType]::ParameterName, 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'How to sign data-plane requests: key (an access key: from the connection string, or listed through Azure Resource Manager with -n/-g) or entra (an Entra ID token: az login, azd, a service principal, workload or managed identity from the environment) [default: key when one is available, else entra]')
            [CompletionResult]::new('--reverse-proxy', '--reverse-proxy', [CompletionResultType]::ParameterName, 'Send requests (and client connections) through this reverse proxy, e.g. an Azure Application Gateway in front of the service; tokens still name the service''s endpoint')
            [CompletionResult]::new('--api-version', '--api-version', [CompletionResultType]::ParameterName, 'REST api-version to call [default: 2024-01-01; 2024-12-01 for group list-connections]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds the whole operation may take, retries and their waits included (for `apply`, each action; for `list-connections`, all pages). A retry that would end later is not made')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries on 429, 5xx and connection failures (with backoff, honouring Retry-After as seconds or a date), within --timeout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)')
            [CompletionResult]::new('--exit-zero', '--exit-zero', [CompletionResultType]::ParameterName, 'exist and permission check: answer `false` with exit 0 (as az does) instead of exit 1, for scripts that read the answer rather than the exit code')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print each HTTP request and response on stderr (access key and tokens redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print each HTTP request and response on stderr (access key and tokens redacted)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the request that would be sent, and send nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'webpubsub;service;user;exist' {
            [CompletionResult]::new('--user-id', '--user-id', [CompletionResultType]::ParameterName, 'The user id')
            [CompletionResult]::new('--connection-string', '--connection-string', [CompletionResultType]::ParameterName, 'Connection string: Endpoint=https://<name>.webpubsub.azure.com;AccessKey=<key>;Version=1.0; or, to sign in with a managed identity, Endpoint=…;AuthType=azure.msi[;ClientId=<id>]; [default: the local emulator''s, Endpoint=http://localhost:8080;…]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Service endpoint, with --access-key, or alone to sign in with Entra ID')
            [CompletionResult]::new('--access-key', '--access-key', [CompletionResultType]::ParameterName, 'Access key for --endpoint')
            [CompletionResult]::new('--hub-name', '--hub-name', [CompletionResultType]::ParameterName, 'Hub name (case-insensitive on the service)')
            [CompletionResult]::new('--hub', '--hub', [CompletionResultType]::ParameterName, 'Hub name (case-insensitive on the service)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)')
            [CompletionResult]::new('-g', '-g', [CompletionResultType]::ParameterName, 'Resource group of the resource')
            [CompletionResult]::new('--resource-group', '--resource-group', [CompletionResultType]::ParameterName, 'Resource group of the resource')
            [CompletionResult]::new('--subscription', '--subscription', [CompletionResultType]::ParameterName, 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az''s default subscription]')
            [CompletionResult]::new('--ids', '--ids', [CompletionResultType]::ParameterName, 'The resource''s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME')
            [CompletionResult]::new('--arm-endpoint', '--arm-endpoint', [CompletionResultType]::ParameterName, 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'How to sign data-plane requests: key (an access key: from the connection string, or listed through Azure Resource Manager with -n/-g) or entra (an Entra ID token: az login, azd, a service principal, workload or managed identity from the environment) [default: key when one is available, else entra]')
            [CompletionResult]::new('--reverse-proxy', '--reverse-proxy', [CompletionResultType]::ParameterName, 'Send requests (and client connections) through this reverse proxy, e.g. an Azure Application Gateway in front of the service; tokens still name the service''s endpoint')
            [CompletionResult]::new('--api-version', '--api-version', [CompletionResultType]::ParameterName, 'REST api-version to call [default: 2024-01-01; 2024-12-01 for group list-connections]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds the whole operation may take, retries and their waits included (for `apply`, each action; for `list-connections`, all pages). A retry that would end later is not made')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries on 429, 5xx and connection failures (with backoff, honouring Retry-After as seconds or a date), within --timeout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)')
            [CompletionResult]::new('--exit-zero', '--exit-zero', [CompletionResultType]::ParameterName, 'exist and permission check: answer `false` with exit 0 (as az does) instead of exit 1, for scripts that read the answer rather than the exit code')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print each HTTP request and response on stderr (access key and tokens redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print each HTTP request and response on stderr (access key and tokens redacted)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the request that would be sent, and send nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'webpubsub;service;user;exists' {
            [CompletionResult]::new('--user-id', '--user-id', [CompletionResultType]::ParameterName, 'The user id')
            [CompletionResult]::new('--connection-string', '--connection-string', [CompletionResultType]::ParameterName, 'Connection string: Endpoint=https://<name>.webpubsub.azure.com;AccessKey=<key>;Version=1.0; or, to sign in with a managed identity, Endpoint=…;AuthType=azure.msi[;ClientId=<id>]; [default: the local emulator''s, Endpoint=http://localhost:8080;…]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Service endpoint, with --access-key, or alone to sign in with Entra ID')
            [CompletionResult]::new('--access-key', '--access-key', [CompletionResultType]::ParameterName, 'Access key for --endpoint')
            [CompletionResult]::new('--hub-name', '--hub-name', [CompletionResultType]::ParameterName, 'Hub name (case-insensitive on the service)')
            [CompletionResult]::new('--hub', '--hub', [CompletionResultType]::ParameterName, 'Hub name (case-insensitive on the service)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)')
            [CompletionResult]::new('-g', '-g', [CompletionResultType]::ParameterName, 'Resource group of the resource')
            [CompletionResult]::new('--resource-group', '--resource-group', [CompletionResultType]::ParameterName, 'Resource group of the resource')
            [CompletionResult]::new('--subscription', '--subscription', [CompletionResultType]::ParameterName, 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az''s default subscription]')
            [CompletionResult]::new('--ids', '--ids', [CompletionResultType]::ParameterName, 'The resource''s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME')
            [CompletionResult]::new('--arm-endpoint', '--arm-endpoint', [CompletionResultType]::ParameterName, 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'How to sign data-plane requests: key (an access key: from the connection string, or listed through Azure Resource Manager with -n/-g) or entra (an Entra ID token: az login, azd, a service principal, workload or managed identity from the environment) [default: key when one is available, else entra]')
            [CompletionResult]::new('--reverse-proxy', '--reverse-proxy', [CompletionResultType]::ParameterName, 'Send requests (and client connections) through this reverse proxy, e.g. an Azure Application Gateway in front of the service; tokens still name the service''s endpoint')
            [CompletionResult]::new('--api-version', '--api-version', [CompletionResultType]::ParameterName, 'REST api-version to call [default: 2024-01-01; 2024-12-01 for group list-connections]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds the whole operation may take, retries and their waits included (for `apply`, each action; for `list-connections`, all pages). A retry that would end later is not made')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries on 429, 5xx and connection failures (with backoff, honouring Retry-After as seconds or a date), within --timeout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)')
            [CompletionResult]::new('--exit-zero', '--exit-zero', [CompletionResultType]::ParameterName, 'exist and permission check: answer `false` with exit 0 (as az does) instead of exit 1, for scripts that read the answer rather than the exit code')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print each HTTP request and response on stderr (access key and tokens redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print each HTTP request and response on stderr (access key and tokens redacted)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the request that would be sent, and send nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'webpubsub;service;user;close' {
            [CompletionResult]::new('--user-id', '--user-id', [CompletionResultType]::ParameterName, 'The user id')
            [CompletionResult]::new('--excluded', '--excluded', [CompletionResultType]::ParameterName, 'Keep this connection open (repeatable)')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Reason, shown to the clients in their `disconnected` message')
            [CompletionResult]::new('--connection-string', '--connection-string', [CompletionResultType]::ParameterName, 'Connection string: Endpoint=https://<name>.webpubsub.azure.com;AccessKey=<key>;Version=1.0; or, to sign in with a managed identity, Endpoint=…;AuthType=azure.msi[;ClientId=<id>]; [default: the local emulator''s, Endpoint=http://localhost:8080;…]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Service endpoint, with --access-key, or alone to sign in with Entra ID')
            [CompletionResult]::new('--access-key', '--access-key', [CompletionResultType]::ParameterName, 'Access key for --endpoint')
            [CompletionResult]::new('--hub-name', '--hub-name', [CompletionResultType]::ParameterName, 'Hub name (case-insensitive on the service)')
            [CompletionResult]::new('--hub', '--hub', [CompletionResultType]::ParameterName, 'Hub name (case-insensitive on the service)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)')
            [CompletionResult]::new('-g', '-g', [CompletionResultType]::ParameterName, 'Resource group of the resource')
            [CompletionResult]::new('--resource-group', '--resource-group', [CompletionResultType]::ParameterName, 'Resource group of the resource')
            [CompletionResult]::new('--subscription', '--subscription', [CompletionResultType]::ParameterName, 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az''s default subscription]')
            [CompletionResult]::new('--ids', '--ids', [CompletionResultType]::ParameterName, 'The resource''s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME')
            [CompletionResult]::new('--arm-endpoint', '--arm-endpoint', [CompletionResultType]::ParameterName, 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'How to sign data-plane requests: key (an access key: from the connection string, or listed through Azure Resource Manager with -n/-g) or entra (an Entra ID token: az login, azd, a service principal, workload or managed identity from the environment) [default: key when one is available, else entra]')
            [CompletionResult]::new('--reverse-proxy', '--reverse-proxy', [CompletionResultType]::ParameterName, 'Send requests (and client connections) through this reverse proxy, e.g. an Azure Application Gateway in front of the service; tokens still name the service''s endpoint')
            [CompletionResult]::new('--api-version', '--api-version', [CompletionResultType]::ParameterName, 'REST api-version to call [default: 2024-01-01; 2024-12-01 for group list-connections]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds the whole operation may take, retries and their waits included (for `apply`, each action; for `list-connections`, all pages). A retry that would end later is not made')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries on 429, 5xx and connection failures (with backoff, honouring Retry-After as seconds or a date), within --timeout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)')
            [CompletionResult]::new('--exit-zero', '--exit-zero', [CompletionResultType]::ParameterName, 'exist and permission check: answer `false` with exit 0 (as az does) instead of exit 1, for scripts that read the answer rather than the exit code')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print each HTTP request and response on stderr (access key and tokens redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print each HTTP request and response on stderr (access key and tokens redacted)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the request that would be sent, and send nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'webpubsub;service;user;remove-from-all-groups' {
            [CompletionResult]::new('--user-id', '--user-id', [CompletionResultType]::ParameterName, 'The user id')
            [CompletionResult]::new('--connection-string', '--connection-string', [CompletionResultType]::ParameterName, 'Connection string: Endpoint=https://<name>.webpubsub.azure.com;AccessKey=<key>;Version=1.0; or, to sign in with a managed identity, Endpoint=…;AuthType=azure.msi[;ClientId=<id>]; [default: the local emulator''s, Endpoint=http://localhost:8080;…]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Service endpoint, with --access-key, or alone to sign in with Entra ID')
            [CompletionResult]::new('--access-key', '--access-key', [CompletionResultType]::ParameterName, 'Access key for --endpoint')
            [CompletionResult]::new('--hub-name', '--hub-name', [CompletionResultType]::ParameterName, 'Hub name (case-insensitive on the service)')
            [CompletionResult]::new('--hub', '--hub', [CompletionResultType]::ParameterName, 'Hub name (case-insensitive on the service)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)')
            [CompletionResult]::new('-g', '-g', [CompletionResultType]::ParameterName, 'Resource group of the resource')
            [CompletionResult]::new('--resource-group', '--resource-group', [CompletionResultType]::ParameterName, 'Resource group of the resource')
            [CompletionResult]::new('--subscription', '--subscription', [CompletionResultType]::ParameterName, 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az''s default subscription]')
            [CompletionResult]::new('--ids', '--ids', [CompletionResultType]::ParameterName, 'The resource''s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME')
            [CompletionResult]::new('--arm-endpoint', '--arm-endpoint', [CompletionResultType]::ParameterName, 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'How to sign data-plane requests: key (an access key: from the connection string, or listed through Azure Resource Manager with -n/-g) or entra (an Entra ID token: az login, azd, a service principal, workload or managed identity from the environment) [default: key when one is available, else entra]')
            [CompletionResult]::new('--reverse-proxy', '--reverse-proxy', [CompletionResultType]::ParameterName, 'Send requests (and client connections) through this reverse proxy, e.g. an Azure Application Gateway in front of the service; tokens still name the service''s endpoint')
            [CompletionResult]::new('--api-version', '--api-version', [CompletionResultType]::ParameterName, 'REST api-version to call [default: 2024-01-01; 2024-12-01 for group list-connections]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds the whole operation may take, retries and their waits included (for `apply`, each action; for `list-connections`, all pages). A retry that would end later is not made')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries on 429, 5xx and connection failures (with backoff, honouring Retry-After as seconds or a date), within --timeout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)')
            [CompletionResult]::new('--exit-zero', '--exit-zero', [CompletionResultType]::ParameterName, 'exist and permission check: answer `false` with exit 0 (as az does) instead of exit 1, for scripts that read the answer rather than the exit code')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print each HTTP request and response on stderr (access key and tokens redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print each HTTP request and response on stderr (access key and tokens redacted)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the request that would be sent, and send nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'webpubsub;service;user;help' {
            [CompletionResult]::new('send', 'send', [CompletionResultType]::ParameterValue, 'Send a message to every connection of a user')
            [CompletionResult]::new('exist', 'exist', [CompletionResultType]::ParameterValue, 'Exit 0 if the user has connections, 1 if not')
            [CompletionResult]::new('close', 'close', [CompletionResultType]::ParameterValue, 'Close every connection of a user')
            [CompletionResult]::new('remove-from-all-groups', 'remove-from-all-groups', [CompletionResultType]::ParameterValue, 'Remove a user from all groups')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'webpubsub;service;user;help;send' {
            break
        }
        'webpubsub;service;user;help;exist' {
            break
        }
        'webpubsub;service;user;help;close' {
            break
        }
        'webpubsub;service;user;help;remove-from-all-groups' {
            break
        }
        'webpubsub;service;user;help;help' {
            break
        }
        'webpubsub;service;permission' {
            [CompletionResult]::new('--connection-string', '--connection-string', [CompletionResultType]::ParameterName, 'Connection string: Endpoint=https://<name>.webpubsub.azure.com;AccessKey=<key>;Version=1.0; or, to sign in with a managed identity, Endpoint=…;AuthType=azure.msi[;ClientId=<id>]; [default: the local emulator''s, Endpoint=http://localhost:8080;…]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Service endpoint, with --access-key, or alone to sign in with Entra ID')
            [CompletionResult]::new('--access-key', '--access-key', [CompletionResultType]::ParameterName, 'Access key for --endpoint')
            [CompletionResult]::new('--hub-name', '--hub-name', [CompletionResultType]::ParameterName, 'Hub name (case-insensitive on the service)')
            [CompletionResult]::new('--hub', '--hub', [CompletionResultType]::ParameterName, 'Hub name (case-insensitive on the service)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)')
            [CompletionResult]::new('-g', '-g', [CompletionResultType]::ParameterName, 'Resource group of the resource')
            [CompletionResult]::new('--resource-group', '--resource-group', [CompletionResultType]::ParameterName, 'Resource group of the resource')
            [CompletionResult]::new('--subscription', '--subscription', [CompletionResultType]::ParameterName, 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az''s default subscription]')
            [CompletionResult]::new('--ids', '--ids', [CompletionResultType]::ParameterName, 'The resource''s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME')
            [CompletionResult]::new('--arm-endpoint', '--arm-endpoint', [CompletionResultType]::ParameterName, 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'How to sign data-plane requests: key (an access key: from the connection string, or listed through Azure Resource Manager with -n/-g) or entra (an Entra ID token: az login, azd, a service principal, workload or managed identity from the environment) [default: key when one is available, else entra]')
            [CompletionResult]::new('--reverse-proxy', '--reverse-proxy', [CompletionResultType]::ParameterName, 'Send requests (and client connections) through this reverse proxy, e.g. an Azure Application Gateway in front of the service; tokens still name the service''s endpoint')
            [CompletionResult]::new('--api-version', '--api-version', [CompletionResultType]::ParameterName, 'REST api-version to call [default: 2024-01-01; 2024-12-01 for group list-connections]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds the whole operation may take, retries and their waits included (for `apply`, each action; for `list-connections`, all pages). A retry that would end later is not made')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries on 429, 5xx and connection failures (with backoff, honouring Retry-After as seconds or a date), within --timeout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)')
            [CompletionResult]::new('--exit-zero', '--exit-zero', [CompletionResultType]::ParameterName, 'exist and permission check: answer `false` with exit 0 (as az does) instead of exit 1, for scripts that read the answer rather than the exit code')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print each HTTP request and response on stderr (access key and tokens redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print each HTTP request and response on stderr (access key and tokens redacted)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the request that would be sent, and send nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('grant', 'grant', [CompletionResultType]::ParameterValue, 'Grant a connection a permission on a group')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Revoke a connection''s permission on a group')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Exit 0 if the connection has the permission, 1 if not')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'webpubsub;service;permission;grant' {
            [CompletionResult]::new('--connection-id', '--connection-id', [CompletionResultType]::ParameterName, 'The connection id')
            [CompletionResult]::new('--permission', '--permission', [CompletionResultType]::ParameterName, 'sendToGroup or joinLeaveGroup')
            [CompletionResult]::new('--group-name', '--group-name', [CompletionResultType]::ParameterName, 'The group the permission is on; without it, every group')
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'The group the permission is on; without it, every group')
            [CompletionResult]::new('--target-name', '--target-name', [CompletionResultType]::ParameterName, 'The group the permission is on; without it, every group')
            [CompletionResult]::new('--connection-string', '--connection-string', [CompletionResultType]::ParameterName, 'Connection string: Endpoint=https://<name>.webpubsub.azure.com;AccessKey=<key>;Version=1.0; or, to sign in with a managed identity, Endpoint=…;AuthType=azure.msi[;ClientId=<id>]; [default: the local emulator''s, Endpoint=http://localhost:8080;…]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Service endpoint, with --access-key, or alone to sign in with Entra ID')
            [CompletionResult]::new('--access-key', '--access-key', [CompletionResultType]::ParameterName, 'Access key for --endpoint')
            [CompletionResult]::new('--hub-name', '--hub-name', [CompletionResultType]::ParameterName, 'Hub name (case-insensitive on the service)')
            [CompletionResult]::new('--hub', '--hub', [CompletionResultType]::ParameterName, 'Hub name (case-insensitive on the service)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)')
            [CompletionResult]::new('-g', '-g', [CompletionResultType]::ParameterName, 'Resource group of the resource')
            [CompletionResult]::new('--resource-group', '--resource-group', [CompletionResultType]::ParameterName, 'Resource group of the resource')
            [CompletionResult]::new('--subscription', '--subscription', [CompletionResultType]::ParameterName, 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az''s default subscription]')
            [CompletionResult]::new('--ids', '--ids', [CompletionResultType]::ParameterName, 'The resource''s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME')
            [CompletionResult]::new('--arm-endpoint', '--arm-endpoint', [CompletionResultType]::ParameterName, 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'How to sign data-plane requests: key (an access key: from the connection string, or listed through Azure Resource Manager with -n/-g) or entra (an Entra ID token: az login, azd, a service principal, workload or managed identity from the environment) [default: key when one is available, else entra]')
            [CompletionResult]::new('--reverse-proxy', '--reverse-proxy', [CompletionResultType]::ParameterName, 'Send requests (and client connections) through this reverse proxy, e.g. an Azure Application Gateway in front of the service; tokens still name the service''s endpoint')
            [CompletionResult]::new('--api-version', '--api-version', [CompletionResultType]::ParameterName, 'REST api-version to call [default: 2024-01-01; 2024-12-01 for group list-connections]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds the whole operation may take, retries and their waits included (for `apply`, each action; for `list-connections`, all pages). A retry that would end later is not made')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries on 429, 5xx and connection failures (with backoff, honouring Retry-After as seconds or a date), within --timeout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)')
            [CompletionResult]::new('--exit-zero', '--exit-zero', [CompletionResultType]::ParameterName, 'exist and permission check: answer `false` with exit 0 (as az does) instead of exit 1, for scripts that read the answer rather than the exit code')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print each HTTP request and response on stderr (access key and tokens redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print each HTTP request and response on stderr (access key and tokens redacted)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the request that would be sent, and send nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'webpubsub;service;permission;revoke' {
            [CompletionResult]::new('--connection-id', '--connection-id', [CompletionResultType]::ParameterName, 'The connection id')
            [CompletionResult]::new('--permission', '--permission', [CompletionResultType]::ParameterName, 'sendToGroup or joinLeaveGroup')
            [CompletionResult]::new('--group-name', '--group-name', [CompletionResultType]::ParameterName, 'The group the permission is on; without it, every group')
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'The group the permission is on; without it, every group')
            [CompletionResult]::new('--target-name', '--target-name', [CompletionResultType]::ParameterName, 'The group the permission is on; without it, every group')
            [CompletionResult]::new('--connection-string', '--connection-string', [CompletionResultType]::ParameterName, 'Connection string: Endpoint=https://<name>.webpubsub.azure.com;AccessKey=<key>;Version=1.0; or, to sign in with a managed identity, Endpoint=…;AuthType=azure.msi[;ClientId=<id>]; [default: the local emulator''s, Endpoint=http://localhost:8080;…]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Service endpoint, with --access-key, or alone to sign in with Entra ID')
            [CompletionResult]::new('--access-key', '--access-key', [CompletionResultType]::ParameterName, 'Access key for --endpoint')
            [CompletionResult]::new('--hub-name', '--hub-name', [CompletionResultType]::ParameterName, 'Hub name (case-insensitive on the service)')
            [CompletionResult]::new('--hub', '--hub', [CompletionResultType]::ParameterName, 'Hub name (case-insensitive on the service)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)')
            [CompletionResult]::new('-g', '-g', [CompletionResultType]::ParameterName, 'Resource group of the resource')
            [CompletionResult]::new('--resource-group', '--resource-group', [CompletionResultType]::ParameterName, 'Resource group of the resource')
            [CompletionResult]::new('--subscription', '--subscription', [CompletionResultType]::ParameterName, 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az''s default subscription]')
            [CompletionResult]::new('--ids', '--ids', [CompletionResultType]::ParameterName, 'The resource''s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME')
            [CompletionResult]::new('--arm-endpoint', '--arm-endpoint', [CompletionResultType]::ParameterName, 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'How to sign data-plane requests: key (an access key: from the connection string, or listed through Azure Resource Manager with -n/-g) or entra (an Entra ID token: az login, azd, a service principal, workload or managed identity from the environment) [default: key when one is available, else entra]')
            [CompletionResult]::new('--reverse-proxy', '--reverse-proxy', [CompletionResultType]::ParameterName, 'Send requests (and client connections) through this reverse proxy, e.g. an Azure Application Gateway in front of the service; tokens still name the service''s endpoint')
            [CompletionResult]::new('--api-version', '--api-version', [CompletionResultType]::ParameterName, 'REST api-version to call [default: 2024-01-01; 2024-12-01 for group list-connections]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds the whole operation may take, retries and their waits included (for `apply`, each action; for `list-connections`, all pages). A retry that would end later is not made')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries on 429, 5xx and connection failures (with backoff, honouring Retry-After as seconds or a date), within --timeout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)')
            [CompletionResult]::new('--exit-zero', '--exit-zero', [CompletionResultType]::ParameterName, 'exist and permission check: answer `false` with exit 0 (as az does) instead of exit 1, for scripts that read the answer rather than the exit code')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print each HTTP request and response on stderr (access key and tokens redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print each HTTP request and response on stderr (access key and tokens redacted)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the request that would be sent, and send nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'webpubsub;service;permission;check' {
            [CompletionResult]::new('--connection-id', '--connection-id', [CompletionResultType]::ParameterName, 'The connection id')
            [CompletionResult]::new('--permission', '--permission', [CompletionResultType]::ParameterName, 'sendToGroup or joinLeaveGroup')
            [CompletionResult]::new('--group-name', '--group-name', [CompletionResultType]::ParameterName, 'The group the permission is on; without it, every group')
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'The group the permission is on; without it, every group')
            [CompletionResult]::new('--target-name', '--target-name', [CompletionResultType]::ParameterName, 'The group the permission is on; without it, every group')
            [CompletionResult]::new('--connection-string', '--connection-string', [CompletionResultType]::ParameterName, 'Connection string: Endpoint=https://<name>.webpubsub.azure.com;AccessKey=<key>;Version=1.0; or, to sign in with a managed identity, Endpoint=…;AuthType=azure.msi[;ClientId=<id>]; [default: the local emulator''s, Endpoint=http://localhost:8080;…]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Service endpoint, with --access-key, or alone to sign in with Entra ID')
            [CompletionResult]::new('--access-key', '--access-key', [CompletionResultType]::ParameterName, 'Access key for --endpoint')
            [CompletionResult]::new('--hub-name', '--hub-name', [CompletionResultType]::ParameterName, 'Hub name (case-insensitive on the service)')
            [CompletionResult]::new('--hub', '--hub', [CompletionResultType]::ParameterName, 'Hub name (case-insensitive on the service)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)')
            [CompletionResult]::new('-g', '-g', [CompletionResultType]::ParameterName, 'Resource group of the resource')
            [CompletionResult]::new('--resource-group', '--resource-group', [CompletionResultType]::ParameterName, 'Resource group of the resource')
            [CompletionResult]::new('--subscription', '--subscription', [CompletionResultType]::ParameterName, 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az''s default subscription]')
            [CompletionResult]::new('--ids', '--ids', [CompletionResultType]::ParameterName, 'The resource''s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME')
            [CompletionResult]::new('--arm-endpoint', '--arm-endpoint', [CompletionResultType]::ParameterName, 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'How to sign data-plane requests: key (an access key: from the connection string, or listed through Azure Resource Manager with -n/-g) or entra (an Entra ID token: az login, azd, a service principal, workload or managed identity from the environment) [default: key when one is available, else entra]')
            [CompletionResult]::new('--reverse-proxy', '--reverse-proxy', [CompletionResultType]::ParameterName, 'Send requests (and client connections) through this reverse proxy, e.g. an Azure Application Gateway in front of the service; tokens still name the service''s endpoint')
            [CompletionResult]::new('--api-version', '--api-version', [CompletionResultType]::ParameterName, 'REST api-version to call [default: 2024-01-01; 2024-12-01 for group list-connections]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds the whole operation may take, retries and their waits included (for `apply`, each action; for `list-connections`, all pages). A retry that would end later is not made')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries on 429, 5xx and connection failures (with backoff, honouring Retry-After as seconds or a date), within --timeout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)')
            [CompletionResult]::new('--exit-zero', '--exit-zero', [CompletionResultType]::ParameterName, 'exist and permission check: answer `false` with exit 0 (as az does) instead of exit 1, for scripts that read the answer rather than the exit code')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print each HTTP request and response on stderr (access key and tokens redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print each HTTP request and response on stderr (access key and tokens redacted)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the request that would be sent, and send nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'webpubsub;service;permission;help' {
            [CompletionResult]::new('grant', 'grant', [CompletionResultType]::ParameterValue, 'Grant a connection a permission on a group')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Revoke a connection''s permission on a group')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Exit 0 if the connection has the permission, 1 if not')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'webpubsub;service;permission;help;grant' {
            break
        }
        'webpubsub;service;permission;help;revoke' {
            break
        }
        'webpubsub;service;permission;help;check' {
            break
        }
        'webpubsub;service;permission;help;help' {
            break
        }
        'webpubsub;service;close-all' {
            [CompletionResult]::new('--excluded', '--excluded', [CompletionResultType]::ParameterName, 'Keep this connection open (repeatable)')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Reason, shown to the clients in their `disconnected` message')
            [CompletionResult]::new('--connection-string', '--connection-string', [CompletionResultType]::ParameterName, 'Connection string: Endpoint=https://<name>.webpubsub.azure.com;AccessKey=<key>;Version=1.0; or, to sign in with a managed identity, Endpoint=…;AuthType=azure.msi[;ClientId=<id>]; [default: the local emulator''s, Endpoint=http://localhost:8080;…]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Service endpoint, with --access-key, or alone to sign in with Entra ID')
            [CompletionResult]::new('--access-key', '--access-key', [CompletionResultType]::ParameterName, 'Access key for --endpoint')
            [CompletionResult]::new('--hub-name', '--hub-name', [CompletionResultType]::ParameterName, 'Hub name (case-insensitive on the service)')
            [CompletionResult]::new('--hub', '--hub', [CompletionResultType]::ParameterName, 'Hub name (case-insensitive on the service)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)')
            [CompletionResult]::new('-g', '-g', [CompletionResultType]::ParameterName, 'Resource group of the resource')
            [CompletionResult]::new('--resource-group', '--resource-group', [CompletionResultType]::ParameterName, 'Resource group of the resource')
            [CompletionResult]::new('--subscription', '--subscription', [CompletionResultType]::ParameterName, 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az''s default subscription]')
            [CompletionResult]::new('--ids', '--ids', [CompletionResultType]::ParameterName, 'The resource''s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME')
            [CompletionResult]::new('--arm-endpoint', '--arm-endpoint', [CompletionResultType]::ParameterName, 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'How to sign data-plane requests: key (an access key: from the connection string, or listed through Azure Resource Manager with -n/-g) or entra (an Entra ID token: az login, azd, a service principal, workload or managed identity from the environment) [default: key when one is available, else entra]')
            [CompletionResult]::new('--reverse-proxy', '--reverse-proxy', [CompletionResultType]::ParameterName, 'Send requests (and client connections) through this reverse proxy, e.g. an Azure Application Gateway in front of the service; tokens still name the service''s endpoint')
            [CompletionResult]::new('--api-version', '--api-version', [CompletionResultType]::ParameterName, 'REST api-version to call [default: 2024-01-01; 2024-12-01 for group list-connections]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds the whole operation may take, retries and their waits included (for `apply`, each action; for `list-connections`, all pages). A retry that would end later is not made')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries on 429, 5xx and connection failures (with backoff, honouring Retry-After as seconds or a date), within --timeout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)')
            [CompletionResult]::new('--exit-zero', '--exit-zero', [CompletionResultType]::ParameterName, 'exist and permission check: answer `false` with exit 0 (as az does) instead of exit 1, for scripts that read the answer rather than the exit code')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print each HTTP request and response on stderr (access key and tokens redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print each HTTP request and response on stderr (access key and tokens redacted)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the request that would be sent, and send nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'webpubsub;service;add-to-groups' {
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'Group to add to or remove from (repeatable)')
            [CompletionResult]::new('--group-name', '--group-name', [CompletionResultType]::ParameterName, 'Group to add to or remove from (repeatable)')
            [CompletionResult]::new('--filter', '--filter', [CompletionResultType]::ParameterName, 'OData filter selecting the connections, e.g. "userId eq ''alice''"')
            [CompletionResult]::new('--connection-string', '--connection-string', [CompletionResultType]::ParameterName, 'Connection string: Endpoint=https://<name>.webpubsub.azure.com;AccessKey=<key>;Version=1.0; or, to sign in with a managed identity, Endpoint=…;AuthType=azure.msi[;ClientId=<id>]; [default: the local emulator''s, Endpoint=http://localhost:8080;…]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Service endpoint, with --access-key, or alone to sign in with Entra ID')
            [CompletionResult]::new('--access-key', '--access-key', [CompletionResultType]::ParameterName, 'Access key for --endpoint')
            [CompletionResult]::new('--hub-name', '--hub-name', [CompletionResultType]::ParameterName, 'Hub name (case-insensitive on the service)')
            [CompletionResult]::new('--hub', '--hub', [CompletionResultType]::ParameterName, 'Hub name (case-insensitive on the service)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)')
            [CompletionResult]::new('-g', '-g', [CompletionResultType]::ParameterName, 'Resource group of the resource')
            [CompletionResult]::new('--resource-group', '--resource-group', [CompletionResultType]::ParameterName, 'Resource group of the resource')
            [CompletionResult]::new('--subscription', '--subscription', [CompletionResultType]::ParameterName, 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az''s default subscription]')
            [CompletionResult]::new('--ids', '--ids', [CompletionResultType]::ParameterName, 'The resource''s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME')
            [CompletionResult]::new('--arm-endpoint', '--arm-endpoint', [CompletionResultType]::ParameterName, 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'How to sign data-plane requests: key (an access key: from the connection string, or listed through Azure Resource Manager with -n/-g) or entra (an Entra ID token: az login, azd, a service principal, workload or managed identity from the environment) [default: key when one is available, else entra]')
            [CompletionResult]::new('--reverse-proxy', '--reverse-proxy', [CompletionResultType]::ParameterName, 'Send requests (and client connections) through this reverse proxy, e.g. an Azure Application Gateway in front of the service; tokens still name the service''s endpoint')
            [CompletionResult]::new('--api-version', '--api-version', [CompletionResultType]::ParameterName, 'REST api-version to call [default: 2024-01-01; 2024-12-01 for group list-connections]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds the whole operation may take, retries and their waits included (for `apply`, each action; for `list-connections`, all pages). A retry that would end later is not made')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries on 429, 5xx and connection failures (with backoff, honouring Retry-After as seconds or a date), within --timeout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)')
            [CompletionResult]::new('--exit-zero', '--exit-zero', [CompletionResultType]::ParameterName, 'exist and permission check: answer `false` with exit 0 (as az does) instead of exit 1, for scripts that read the answer rather than the exit code')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print each HTTP request and response on stderr (access key and tokens redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print each HTTP request and response on stderr (access key and tokens redacted)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the request that would be sent, and send nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'webpubsub;service;remove-from-groups' {
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'Group to add to or remove from (repeatable)')
            [CompletionResult]::new('--group-name', '--group-name', [CompletionResultType]::ParameterName, 'Group to add to or remove from (repeatable)')
            [CompletionResult]::new('--filter', '--filter', [CompletionResultType]::ParameterName, 'OData filter selecting the connections, e.g. "userId eq ''alice''"')
            [CompletionResult]::new('--connection-string', '--connection-string', [CompletionResultType]::ParameterName, 'Connection string: Endpoint=https://<name>.webpubsub.azure.com;AccessKey=<key>;Version=1.0; or, to sign in with a managed identity, Endpoint=…;AuthType=azure.msi[;ClientId=<id>]; [default: the local emulator''s, Endpoint=http://localhost:8080;…]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Service endpoint, with --access-key, or alone to sign in with Entra ID')
            [CompletionResult]::new('--access-key', '--access-key', [CompletionResultType]::ParameterName, 'Access key for --endpoint')
            [CompletionResult]::new('--hub-name', '--hub-name', [CompletionResultType]::ParameterName, 'Hub name (case-insensitive on the service)')
            [CompletionResult]::new('--hub', '--hub', [CompletionResultType]::ParameterName, 'Hub name (case-insensitive on the service)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)')
            [CompletionResult]::new('-g', '-g', [CompletionResultType]::ParameterName, 'Resource group of the resource')
            [CompletionResult]::new('--resource-group', '--resource-group', [CompletionResultType]::ParameterName, 'Resource group of the resource')
            [CompletionResult]::new('--subscription', '--subscription', [CompletionResultType]::ParameterName, 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az''s default subscription]')
            [CompletionResult]::new('--ids', '--ids', [CompletionResultType]::ParameterName, 'The resource''s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME')
            [CompletionResult]::new('--arm-endpoint', '--arm-endpoint', [CompletionResultType]::ParameterName, 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'How to sign data-plane requests: key (an access key: from the connection string, or listed through Azure Resource Manager with -n/-g) or entra (an Entra ID token: az login, azd, a service principal, workload or managed identity from the environment) [default: key when one is available, else entra]')
            [CompletionResult]::new('--reverse-proxy', '--reverse-proxy', [CompletionResultType]::ParameterName, 'Send requests (and client connections) through this reverse proxy, e.g. an Azure Application Gateway in front of the service; tokens still name the service''s endpoint')
            [CompletionResult]::new('--api-version', '--api-version', [CompletionResultType]::ParameterName, 'REST api-version to call [default: 2024-01-01; 2024-12-01 for group list-connections]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds the whole operation may take, retries and their waits included (for `apply`, each action; for `list-connections`, all pages). A retry that would end later is not made')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries on 429, 5xx and connection failures (with backoff, honouring Retry-After as seconds or a date), within --timeout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)')
            [CompletionResult]::new('--exit-zero', '--exit-zero', [CompletionResultType]::ParameterName, 'exist and permission check: answer `false` with exit 0 (as az does) instead of exit 1, for scripts that read the answer rather than the exit code')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print each HTTP request and response on stderr (access key and tokens redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print each HTTP request and response on stderr (access key and tokens redacted)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the request that would be sent, and send nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'webpubsub;service;health' {
            [CompletionResult]::new('--connection-string', '--connection-string', [CompletionResultType]::ParameterName, 'Connection string: Endpoint=https://<name>.webpubsub.azure.com;AccessKey=<key>;Version=1.0; or, to sign in with a managed identity, Endpoint=…;AuthType=azure.msi[;ClientId=<id>]; [default: the local emulator''s, Endpoint=http://localhost:8080;…]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Service endpoint, with --access-key, or alone to sign in with Entra ID')
            [CompletionResult]::new('--access-key', '--access-key', [CompletionResultType]::ParameterName, 'Access key for --endpoint')
            [CompletionResult]::new('--hub-name', '--hub-name', [CompletionResultType]::ParameterName, 'Hub name (case-insensitive on the service)')
            [CompletionResult]::new('--hub', '--hub', [CompletionResultType]::ParameterName, 'Hub name (case-insensitive on the service)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)')
            [CompletionResult]::new('-g', '-g', [CompletionResultType]::ParameterName, 'Resource group of the resource')
            [CompletionResult]::new('--resource-group', '--resource-group', [CompletionResultType]::ParameterName, 'Resource group of the resource')
            [CompletionResult]::new('--subscription', '--subscription', [CompletionResultType]::ParameterName, 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az''s default subscription]')
            [CompletionResult]::new('--ids', '--ids', [CompletionResultType]::ParameterName, 'The resource''s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME')
            [CompletionResult]::new('--arm-endpoint', '--arm-endpoint', [CompletionResultType]::ParameterName, 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'How to sign data-plane requests: key (an access key: from the connection string, or listed through Azure Resource Manager with -n/-g) or entra (an Entra ID token: az login, azd, a service principal, workload or managed identity from the environment) [default: key when one is available, else entra]')
            [CompletionResult]::new('--reverse-proxy', '--reverse-proxy', [CompletionResultType]::ParameterName, 'Send requests (and client connections) through this reverse proxy, e.g. an Azure Application Gateway in front of the service; tokens still name the service''s endpoint')
            [CompletionResult]::new('--api-version', '--api-version', [CompletionResultType]::ParameterName, 'REST api-version to call [default: 2024-01-01; 2024-12-01 for group list-connections]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds the whole operation may take, retries and their waits included (for `apply`, each action; for `list-connections`, all pages). A retry that would end later is not made')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries on 429, 5xx and connection failures (with backoff, honouring Retry-After as seconds or a date), within --timeout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)')
            [CompletionResult]::new('--exit-zero', '--exit-zero', [CompletionResultType]::ParameterName, 'exist and permission check: answer `false` with exit 0 (as az does) instead of exit 1, for scripts that read the answer rather than the exit code')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print each HTTP request and response on stderr (access key and tokens redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print each HTTP request and response on stderr (access key and tokens redacted)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the request that would be sent, and send nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'webpubsub;service;token' {
            [CompletionResult]::new('--user-id', '--user-id', [CompletionResultType]::ParameterName, 'The user the client connects as')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'Role to grant, e.g. webpubsub.joinLeaveGroup or webpubsub.sendToGroup.g1 (repeatable)')
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'Group to join on connect (repeatable)')
            [CompletionResult]::new('--expires-in', '--expires-in', [CompletionResultType]::ParameterName, 'Minutes until the token expires')
            [CompletionResult]::new('--client-type', '--client-type', [CompletionResultType]::ParameterName, 'The kind of client, which sets the token''s audience and the URL: default, mqtt or socketio (case-insensitive)')
            [CompletionResult]::new('--connection-string', '--connection-string', [CompletionResultType]::ParameterName, 'Connection string: Endpoint=https://<name>.webpubsub.azure.com;AccessKey=<key>;Version=1.0; or, to sign in with a managed identity, Endpoint=…;AuthType=azure.msi[;ClientId=<id>]; [default: the local emulator''s, Endpoint=http://localhost:8080;…]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Service endpoint, with --access-key, or alone to sign in with Entra ID')
            [CompletionResult]::new('--access-key', '--access-key', [CompletionResultType]::ParameterName, 'Access key for --endpoint')
            [CompletionResult]::new('--hub-name', '--hub-name', [CompletionResultType]::ParameterName, 'Hub name (case-insensitive on the service)')
            [CompletionResult]::new('--hub', '--hub', [CompletionResultType]::ParameterName, 'Hub name (case-insensitive on the service)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)')
            [CompletionResult]::new('-g', '-g', [CompletionResultType]::ParameterName, 'Resource group of the resource')
            [CompletionResult]::new('--resource-group', '--resource-group', [CompletionResultType]::ParameterName, 'Resource group of the resource')
            [CompletionResult]::new('--subscription', '--subscription', [CompletionResultType]::ParameterName, 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az''s default subscription]')
            [CompletionResult]::new('--ids', '--ids', [CompletionResultType]::ParameterName, 'The resource''s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME')
            [CompletionResult]::new('--arm-endpoint', '--arm-endpoint', [CompletionResultType]::ParameterName, 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'How to sign data-plane requests: key (an access key: from the connection string, or listed through Azure Resource Manager with -n/-g) or entra (an Entra ID token: az login, azd, a service principal, workload or managed identity from the environment) [default: key when one is available, else entra]')
            [CompletionResult]::new('--reverse-proxy', '--reverse-proxy', [CompletionResultType]::ParameterName, 'Send requests (and client connections) through this reverse proxy, e.g. an Azure Application Gateway in front of the service; tokens still name the service''s endpoint')
            [CompletionResult]::new('--api-version', '--api-version', [CompletionResultType]::ParameterName, 'REST api-version to call [default: 2024-01-01; 2024-12-01 for group list-connections]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds the whole operation may take, retries and their waits included (for `apply`, each action; for `list-connections`, all pages). A retry that would end later is not made')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries on 429, 5xx and connection failures (with backoff, honouring Retry-After as seconds or a date), within --timeout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)')
            [CompletionResult]::new('--print-url', '--print-url', [CompletionResultType]::ParameterName, 'Print the full client URL instead of the token')
            [CompletionResult]::new('--exit-zero', '--exit-zero', [CompletionResultType]::ParameterName, 'exist and permission check: answer `false` with exit 0 (as az does) instead of exit 1, for scripts that read the answer rather than the exit code')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print each HTTP request and response on stderr (access key and tokens redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print each HTTP request and response on stderr (access key and tokens redacted)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the request that would be sent, and send nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'webpubsub;service;apply' {
            [CompletionResult]::new('--connection-string', '--connection-string', [CompletionResultType]::ParameterName, 'Connection string: Endpoint=https://<name>.webpubsub.azure.com;AccessKey=<key>;Version=1.0; or, to sign in with a managed identity, Endpoint=…;AuthType=azure.msi[;ClientId=<id>]; [default: the local emulator''s, Endpoint=http://localhost:8080;…]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Service endpoint, with --access-key, or alone to sign in with Entra ID')
            [CompletionResult]::new('--access-key', '--access-key', [CompletionResultType]::ParameterName, 'Access key for --endpoint')
            [CompletionResult]::new('--hub-name', '--hub-name', [CompletionResultType]::ParameterName, 'Hub name (case-insensitive on the service)')
            [CompletionResult]::new('--hub', '--hub', [CompletionResultType]::ParameterName, 'Hub name (case-insensitive on the service)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)')
            [CompletionResult]::new('-g', '-g', [CompletionResultType]::ParameterName, 'Resource group of the resource')
            [CompletionResult]::new('--resource-group', '--resource-group', [CompletionResultType]::ParameterName, 'Resource group of the resource')
            [CompletionResult]::new('--subscription', '--subscription', [CompletionResultType]::ParameterName, 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az''s default subscription]')
            [CompletionResult]::new('--ids', '--ids', [CompletionResultType]::ParameterName, 'The resource''s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME')
            [CompletionResult]::new('--arm-endpoint', '--arm-endpoint', [CompletionResultType]::ParameterName, 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'How to sign data-plane requests: key (an access key: from the connection string, or listed through Azure Resource Manager with -n/-g) or entra (an Entra ID token: az login, azd, a service principal, workload or managed identity from the environment) [default: key when one is available, else entra]')
            [CompletionResult]::new('--reverse-proxy', '--reverse-proxy', [CompletionResultType]::ParameterName, 'Send requests (and client connections) through this reverse proxy, e.g. an Azure Application Gateway in front of the service; tokens still name the service''s endpoint')
            [CompletionResult]::new('--api-version', '--api-version', [CompletionResultType]::ParameterName, 'REST api-version to call [default: 2024-01-01; 2024-12-01 for group list-connections]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds the whole operation may take, retries and their waits included (for `apply`, each action; for `list-connections`, all pages). A retry that would end later is not made')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries on 429, 5xx and connection failures (with backoff, honouring Retry-After as seconds or a date), within --timeout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)')
            [CompletionResult]::new('--keep-going', '--keep-going', [CompletionResultType]::ParameterName, 'Go on after a failed action (the exit code still reports the failure)')
            [CompletionResult]::new('--exit-zero', '--exit-zero', [CompletionResultType]::ParameterName, 'exist and permission check: answer `false` with exit 0 (as az does) instead of exit 1, for scripts that read the answer rather than the exit code')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print each HTTP request and response on stderr (access key and tokens redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print each HTTP request and response on stderr (access key and tokens redacted)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the request that would be sent, and send nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'webpubsub;service;help' {
            [CompletionResult]::new('broadcast', 'broadcast', [CompletionResultType]::ParameterValue, 'Send a message to every connection of the hub')
            [CompletionResult]::new('connection', 'connection', [CompletionResultType]::ParameterValue, 'Send to, check, close a connection, or remove it from all its groups')
            [CompletionResult]::new('group', 'group', [CompletionResultType]::ParameterValue, 'Send to a group, manage its members, check or close it')
            [CompletionResult]::new('user', 'user', [CompletionResultType]::ParameterValue, 'Send to a user, check, close, or remove it from all groups')
            [CompletionResult]::new('permission', 'permission', [CompletionResultType]::ParameterValue, 'Grant, revoke or check a connection''s permission on a group')
            [CompletionResult]::new('close-all', 'close-all', [CompletionResultType]::ParameterValue, 'Close every connection of the hub')
            [CompletionResult]::new('add-to-groups', 'add-to-groups', [CompletionResultType]::ParameterValue, 'Add every connection a filter selects to groups')
            [CompletionResult]::new('remove-from-groups', 'remove-from-groups', [CompletionResultType]::ParameterValue, 'Remove every connection a filter selects from groups')
            [CompletionResult]::new('health', 'health', [CompletionResultType]::ParameterValue, 'Check that the service answers (HEAD /api/health)')
            [CompletionResult]::new('token', 'token', [CompletionResultType]::ParameterValue, 'Ask the service to generate a client access token (:generateToken)')
            [CompletionResult]::new('apply', 'apply', [CompletionResultType]::ParameterValue, 'Run a list of actions (Azure Functions output-binding shape) from a file or stdin')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'webpubsub;service;help;broadcast' {
            break
        }
        'webpubsub;service;help;connection' {
            [CompletionResult]::new('send', 'send', [CompletionResultType]::ParameterValue, 'Send a message to one connection (202 even if it does not exist)')
            [CompletionResult]::new('exist', 'exist', [CompletionResultType]::ParameterValue, 'Exit 0 if the connection exists, 1 if not')
            [CompletionResult]::new('close', 'close', [CompletionResultType]::ParameterValue, 'Close a connection')
            [CompletionResult]::new('remove-from-all-groups', 'remove-from-all-groups', [CompletionResultType]::ParameterValue, 'Remove a connection from all its groups')
            break
        }
        'webpubsub;service;help;connection;send' {
            break
        }
        'webpubsub;service;help;connection;exist' {
            break
        }
        'webpubsub;service;help;connection;close' {
            break
        }
        'webpubsub;service;help;connection;remove-from-all-groups' {
            break
        }
        'webpubsub;service;help;group' {
            [CompletionResult]::new('send', 'send', [CompletionResultType]::ParameterValue, 'Send a message to every connection in a group')
            [CompletionResult]::new('add-connection', 'add-connection', [CompletionResultType]::ParameterValue, 'Add a connection to a group')
            [CompletionResult]::new('remove-connection', 'remove-connection', [CompletionResultType]::ParameterValue, 'Remove a connection from a group')
            [CompletionResult]::new('add-user', 'add-user', [CompletionResultType]::ParameterValue, 'Add every connection of a user to a group')
            [CompletionResult]::new('remove-user', 'remove-user', [CompletionResultType]::ParameterValue, 'Remove a user from a group (or, without --group-name, from all groups, as az does)')
            [CompletionResult]::new('exist', 'exist', [CompletionResultType]::ParameterValue, 'Exit 0 if the group has connections, 1 if not')
            [CompletionResult]::new('close', 'close', [CompletionResultType]::ParameterValue, 'Close every connection in a group')
            [CompletionResult]::new('list-connections', 'list-connections', [CompletionResultType]::ParameterValue, 'List the connections in a group (api-version 2024-12-01)')
            break
        }
        'webpubsub;service;help;group;send' {
            break
        }
        'webpubsub;service;help;group;add-connection' {
            break
        }
        'webpubsub;service;help;group;remove-connection' {
            break
        }
        'webpubsub;service;help;group;add-user' {
            break
        }
        'webpubsub;service;help;group;remove-user' {
            break
        }
        'webpubsub;service;help;group;exist' {
            break
        }
        'webpubsub;service;help;group;close' {
            break
        }
        'webpubsub;service;help;group;list-connections' {
            break
        }
        'webpubsub;service;help;user' {
            [CompletionResult]::new('send', 'send', [CompletionResultType]::ParameterValue, 'Send a message to every connection of a user')
            [CompletionResult]::new('exist', 'exist', [CompletionResultType]::ParameterValue, 'Exit 0 if the user has connections, 1 if not')
            [CompletionResult]::new('close', 'close', [CompletionResultType]::ParameterValue, 'Close every connection of a user')
            [CompletionResult]::new('remove-from-all-groups', 'remove-from-all-groups', [CompletionResultType]::ParameterValue, 'Remove a user from all groups')
            break
        }
        'webpubsub;service;help;user;send' {
            break
        }
        'webpubsub;service;help;user;exist' {
            break
        }
        'webpubsub;service;help;user;close' {
            break
        }
        'webpubsub;service;help;user;remove-from-all-groups' {
            break
        }
        'webpubsub;service;help;permission' {
            [CompletionResult]::new('grant', 'grant', [CompletionResultType]::ParameterValue, 'Grant a connection a permission on a group')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Revoke a connection''s permission on a group')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Exit 0 if the connection has the permission, 1 if not')
            break
        }
        'webpubsub;service;help;permission;grant' {
            break
        }
        'webpubsub;service;help;permission;revoke' {
            break
        }
        'webpubsub;service;help;permission;check' {
            break
        }
        'webpubsub;service;help;close-all' {
            break
        }
        'webpubsub;service;help;add-to-groups' {
            break
        }
        'webpubsub;service;help;remove-from-groups' {
            break
        }
        'webpubsub;service;help;health' {
            break
        }
        'webpubsub;service;help;token' {
            break
        }
        'webpubsub;service;help;apply' {
            break
        }
        'webpubsub;service;help;help' {
            break
        }
        'webpubsub;client' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('start', 'start', [CompletionResultType]::ParameterValue, 'Connect to a hub as a client: an interactive REPL on a terminal, a JSON-lines pipe otherwise')
            [CompletionResult]::new('token', 'token', [CompletionResultType]::ParameterValue, 'Mint a client access token locally (no network), or with --print-url the full client URL. With Entra ID (no key), the service generates it (:generateToken)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'webpubsub;client;start' {
            [CompletionResult]::new('--connection-string', '--connection-string', [CompletionResultType]::ParameterName, 'Connection string: Endpoint=https://<name>.webpubsub.azure.com;AccessKey=<key>;Version=1.0; or, to sign in with a managed identity, Endpoint=…;AuthType=azure.msi[;ClientId=<id>]; [default: the local emulator''s, Endpoint=http://localhost:8080;…]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Service endpoint, with --access-key, or alone to sign in with Entra ID')
            [CompletionResult]::new('--access-key', '--access-key', [CompletionResultType]::ParameterName, 'Access key for --endpoint')
            [CompletionResult]::new('--hub-name', '--hub-name', [CompletionResultType]::ParameterName, 'Hub name (case-insensitive on the service)')
            [CompletionResult]::new('--hub', '--hub', [CompletionResultType]::ParameterName, 'Hub name (case-insensitive on the service)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)')
            [CompletionResult]::new('-g', '-g', [CompletionResultType]::ParameterName, 'Resource group of the resource')
            [CompletionResult]::new('--resource-group', '--resource-group', [CompletionResultType]::ParameterName, 'Resource group of the resource')
            [CompletionResult]::new('--subscription', '--subscription', [CompletionResultType]::ParameterName, 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az''s default subscription]')
            [CompletionResult]::new('--ids', '--ids', [CompletionResultType]::ParameterName, 'The resource''s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME')
            [CompletionResult]::new('--arm-endpoint', '--arm-endpoint', [CompletionResultType]::ParameterName, 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'How to sign data-plane requests: key (an access key: from the connection string, or listed through Azure Resource Manager with -n/-g) or entra (an Entra ID token: az login, azd, a service principal, workload or managed identity from the environment) [default: key when one is available, else entra]')
            [CompletionResult]::new('--reverse-proxy', '--reverse-proxy', [CompletionResultType]::ParameterName, 'Send requests (and client connections) through this reverse proxy, e.g. an Azure Application Gateway in front of the service; tokens still name the service''s endpoint')
            [CompletionResult]::new('--user-id', '--user-id', [CompletionResultType]::ParameterName, 'The user to connect as (ignored with --url)')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'Role to grant (repeatable) [default: webpubsub.joinLeaveGroup and webpubsub.sendToGroup, as az does]')
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'Group to join on connect (repeatable)')
            [CompletionResult]::new('--expires-in', '--expires-in', [CompletionResultType]::ParameterName, 'Minutes until the minted token expires')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Connect to this client URL (e.g. from `service token --print-url`) instead of minting a token; with --protocol socketcluster, the server''s URL (ws://HOST:PORT/socketcluster/)')
            [CompletionResult]::new('--protocol', '--protocol', [CompletionResultType]::ParameterName, 'Subprotocol: json.reliable (recovers dropped connections), json, protobuf.reliable and protobuf (the same in protobuf binary frames), raw (a simple WebSocket client), mqtt (MQTT 5.0) or mqtt3 (MQTT 3.1.1) at the hub''s MQTT endpoint, or socketcluster (a SocketCluster 9 server at --url, not Web PubSub)')
            [CompletionResult]::new('--ack-timeout', '--ack-timeout', [CompletionResultType]::ParameterName, 'Piped mode: seconds to wait for outstanding acks at the end of input')
            [CompletionResult]::new('--reconnect-timeout', '--reconnect-timeout', [CompletionResultType]::ParameterName, 'Seconds to keep trying to recover a dropped connection (json.reliable, protobuf.reliable), then as long again to make a new one, before giving up')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)')
            [CompletionResult]::new('--keep-open', '--keep-open', [CompletionResultType]::ParameterName, 'Piped mode: keep receiving after the end of input, until interrupted')
            [CompletionResult]::new('--show-frames', '--show-frames', [CompletionResultType]::ParameterName, 'Also show every protocol frame as it is sent (→) and received (←), as `az webpubsub client start` prints them; in a pipe, `{"type":"frame","direction":…,"text":…}`')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'webpubsub;client;token' {
            [CompletionResult]::new('--connection-string', '--connection-string', [CompletionResultType]::ParameterName, 'Connection string: Endpoint=https://<name>.webpubsub.azure.com;AccessKey=<key>;Version=1.0; or, to sign in with a managed identity, Endpoint=…;AuthType=azure.msi[;ClientId=<id>]; [default: the local emulator''s, Endpoint=http://localhost:8080;…]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Service endpoint, with --access-key, or alone to sign in with Entra ID')
            [CompletionResult]::new('--access-key', '--access-key', [CompletionResultType]::ParameterName, 'Access key for --endpoint')
            [CompletionResult]::new('--hub-name', '--hub-name', [CompletionResultType]::ParameterName, 'Hub name (case-insensitive on the service)')
            [CompletionResult]::new('--hub', '--hub', [CompletionResultType]::ParameterName, 'Hub name (case-insensitive on the service)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)')
            [CompletionResult]::new('-g', '-g', [CompletionResultType]::ParameterName, 'Resource group of the resource')
            [CompletionResult]::new('--resource-group', '--resource-group', [CompletionResultType]::ParameterName, 'Resource group of the resource')
            [CompletionResult]::new('--subscription', '--subscription', [CompletionResultType]::ParameterName, 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az''s default subscription]')
            [CompletionResult]::new('--ids', '--ids', [CompletionResultType]::ParameterName, 'The resource''s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME')
            [CompletionResult]::new('--arm-endpoint', '--arm-endpoint', [CompletionResultType]::ParameterName, 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'How to sign data-plane requests: key (an access key: from the connection string, or listed through Azure Resource Manager with -n/-g) or entra (an Entra ID token: az login, azd, a service principal, workload or managed identity from the environment) [default: key when one is available, else entra]')
            [CompletionResult]::new('--reverse-proxy', '--reverse-proxy', [CompletionResultType]::ParameterName, 'Send requests (and client connections) through this reverse proxy, e.g. an Azure Application Gateway in front of the service; tokens still name the service''s endpoint')
            [CompletionResult]::new('--user-id', '--user-id', [CompletionResultType]::ParameterName, 'The user the client connects as')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'Role to grant, e.g. webpubsub.joinLeaveGroup or webpubsub.sendToGroup.g1 (repeatable)')
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'Group to join on connect (repeatable)')
            [CompletionResult]::new('--expires-in', '--expires-in', [CompletionResultType]::ParameterName, 'Minutes until the token expires')
            [CompletionResult]::new('--client-type', '--client-type', [CompletionResultType]::ParameterName, 'The kind of client, which sets the token''s audience and the URL: default (…/client/hubs/HUB), mqtt (…/clients/mqtt/hubs/HUB) or socketio (…/clients/socketio/hubs/HUB). Case-insensitive')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: json ({"token","url"}), table, tsv or none [default: the token alone]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: json ({"token","url"}), table, tsv or none [default: the token alone]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)')
            [CompletionResult]::new('--print-url', '--print-url', [CompletionResultType]::ParameterName, 'Print the client URL (ws[s]://…/client/hubs/HUB?access_token=…) instead of the token')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'webpubsub;client;help' {
            [CompletionResult]::new('start', 'start', [CompletionResultType]::ParameterValue, 'Connect to a hub as a client: an interactive REPL on a terminal, a JSON-lines pipe otherwise')
            [CompletionResult]::new('token', 'token', [CompletionResultType]::ParameterValue, 'Mint a client access token locally (no network), or with --print-url the full client URL. With Entra ID (no key), the service generates it (:generateToken)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'webpubsub;client;help;start' {
            break
        }
        'webpubsub;client;help;token' {
            break
        }
        'webpubsub;client;help;help' {
            break
        }
        'webpubsub;token' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('decode', 'decode', [CompletionResultType]::ParameterValue, 'Show a JWT''s header and claims, when it expires, and whether its signature verifies')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'webpubsub;token;decode' {
            [CompletionResult]::new('--access-key', '--access-key', [CompletionResultType]::ParameterName, 'Key to verify the signature with (or the one of --connection-string); without either, the signature is not checked (and the output says so)')
            [CompletionResult]::new('--connection-string', '--connection-string', [CompletionResultType]::ParameterName, 'Connection string whose key verifies the signature')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'webpubsub;token;help' {
            [CompletionResult]::new('decode', 'decode', [CompletionResultType]::ParameterValue, 'Show a JWT''s header and claims, when it expires, and whether its signature verifies')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'webpubsub;token;help;decode' {
            break
        }
        'webpubsub;token;help;help' {
            break
        }
        'webpubsub;key' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show the access keys and connection strings (needs the Contributor role)')
            [CompletionResult]::new('regenerate', 'regenerate', [CompletionResultType]::ParameterValue, 'Regenerate the primary or secondary key: tokens signed with the old one stop working')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'webpubsub;key;show' {
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)')
            [CompletionResult]::new('-g', '-g', [CompletionResultType]::ParameterName, 'Resource group of the resource')
            [CompletionResult]::new('--resource-group', '--resource-group', [CompletionResultType]::ParameterName, 'Resource group of the resource')
            [CompletionResult]::new('--subscription', '--subscription', [CompletionResultType]::ParameterName, 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az''s default subscription]')
            [CompletionResult]::new('--ids', '--ids', [CompletionResultType]::ParameterName, 'The resource''s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME')
            [CompletionResult]::new('--arm-endpoint', '--arm-endpoint', [CompletionResultType]::ParameterName, 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: json, the Azure Resource Manager JSON as az prints it]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: json, the Azure Resource Manager JSON as az prints it]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds each Azure Resource Manager call may take, sign-in and retries included')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries on 429, 5xx and connection failures, within --timeout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print each HTTP request and response on stderr (tokens, keys and connection strings redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print each HTTP request and response on stderr (tokens, keys and connection strings redacted)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'webpubsub;key;regenerate' {
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)')
            [CompletionResult]::new('-g', '-g', [CompletionResultType]::ParameterName, 'Resource group of the resource')
            [CompletionResult]::new('--resource-group', '--resource-group', [CompletionResultType]::ParameterName, 'Resource group of the resource')
            [CompletionResult]::new('--subscription', '--subscription', [CompletionResultType]::ParameterName, 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az''s default subscription]')
            [CompletionResult]::new('--ids', '--ids', [CompletionResultType]::ParameterName, 'The resource''s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME')
            [CompletionResult]::new('--arm-endpoint', '--arm-endpoint', [CompletionResultType]::ParameterName, 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: json, the Azure Resource Manager JSON as az prints it]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: json, the Azure Resource Manager JSON as az prints it]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds each Azure Resource Manager call may take, sign-in and retries included')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries on 429, 5xx and connection failures, within --timeout')
            [CompletionResult]::new('--key-type', '--key-type', [CompletionResultType]::ParameterName, 'Which key to regenerate')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print each HTTP request and response on stderr (tokens, keys and connection strings redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print each HTTP request and response on stderr (tokens, keys and connection strings redacted)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'webpubsub;key;help' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show the access keys and connection strings (needs the Contributor role)')
            [CompletionResult]::new('regenerate', 'regenerate', [CompletionResultType]::ParameterValue, 'Regenerate the primary or secondary key: tokens signed with the old one stop working')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'webpubsub;key;help;show' {
            break
        }
        'webpubsub;key;help;regenerate' {
            break
        }
        'webpubsub;key;help;help' {
            break
        }
        'webpubsub;hub' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create (or replace) a hub''s settings')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Change some of a hub''s settings; those not given stay as they are')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a hub''s settings')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the hubs that have settings')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a hub''s settings (its connections stay; the defaults apply again)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'webpubsub;hub;create' {
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)')
            [CompletionResult]::new('-g', '-g', [CompletionResultType]::ParameterName, 'Resource group of the resource')
            [CompletionResult]::new('--resource-group', '--resource-group', [CompletionResultType]::ParameterName, 'Resource group of the resource')
            [CompletionResult]::new('--subscription', '--subscription', [CompletionResultType]::ParameterName, 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az''s default subscription]')
            [CompletionResult]::new('--ids', '--ids', [CompletionResultType]::ParameterName, 'The resource''s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME')
            [CompletionResult]::new('--arm-endpoint', '--arm-endpoint', [CompletionResultType]::ParameterName, 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: json, the Azure Resource Manager JSON as az prints it]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: json, the Azure Resource Manager JSON as az prints it]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds each Azure Resource Manager call may take, sign-in and retries included')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries on 429, 5xx and connection failures, within --timeout')
            [CompletionResult]::new('--hub-name', '--hub-name', [CompletionResultType]::ParameterName, 'The hub')
            [CompletionResult]::new('--hub', '--hub', [CompletionResultType]::ParameterName, 'The hub')
            [CompletionResult]::new('--event-handler', '--event-handler', [CompletionResultType]::ParameterName, 'An upstream event handler as az''s items (see below); repeatable, each handler starting with its url-template. On update, the given handlers replace all of the hub''s')
            [CompletionResult]::new('--allow-anonymous', '--allow-anonymous', [CompletionResultType]::ParameterName, 'Let clients connect without an access token (anonymous, no user id); `false` to deny')
            [CompletionResult]::new('--websocket-keepalive', '--websocket-keepalive', [CompletionResultType]::ParameterName, 'Seconds between the WebSocket pings the service sends each client (1-120)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print each HTTP request and response on stderr (tokens, keys and connection strings redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print each HTTP request and response on stderr (tokens, keys and connection strings redacted)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'webpubsub;hub;update' {
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)')
            [CompletionResult]::new('-g', '-g', [CompletionResultType]::ParameterName, 'Resource group of the resource')
            [CompletionResult]::new('--resource-group', '--resource-group', [CompletionResultType]::ParameterName, 'Resource group of the resource')
            [CompletionResult]::new('--subscription', '--subscription', [CompletionResultType]::ParameterName, 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az''s default subscription]')
            [CompletionResult]::new('--ids', '--ids', [CompletionResultType]::ParameterName, 'The resource''s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME')
            [CompletionResult]::new('--arm-endpoint', '--arm-endpoint', [CompletionResultType]::ParameterName, 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: json, the Azure Resource Manager JSON as az prints it]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: json, the Azure Resource Manager JSON as az prints it]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds each Azure Resource Manager call may take, sign-in and retries included')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries on 429, 5xx and connection failures, within --timeout')
            [CompletionResult]::new('--hub-name', '--hub-name', [CompletionResultType]::ParameterName, 'The hub')
            [CompletionResult]::new('--hub', '--hub', [CompletionResultType]::ParameterName, 'The hub')
            [CompletionResult]::new('--event-handler', '--event-handler', [CompletionResultType]::ParameterName, 'An upstream event handler as az''s items (see below); repeatable, each handler starting with its url-template. On update, the given handlers replace all of the hub''s')
            [CompletionResult]::new('--allow-anonymous', '--allow-anonymous', [CompletionResultType]::ParameterName, 'Let clients connect without an access token (anonymous, no user id); `false` to deny')
            [CompletionResult]::new('--websocket-keepalive', '--websocket-keepalive', [CompletionResultType]::ParameterName, 'Seconds between the WebSocket pings the service sends each client (1-120)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print each HTTP request and response on stderr (tokens, keys and connection strings redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print each HTTP request and response on stderr (tokens, keys and connection strings redacted)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'webpubsub;hub;show' {
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)')
            [CompletionResult]::new('-g', '-g', [CompletionResultType]::ParameterName, 'Resource group of the resource')
            [CompletionResult]::new('--resource-group', '--resource-group', [CompletionResultType]::ParameterName, 'Resource group of the resource')
            [CompletionResult]::new('--subscription', '--subscription', [CompletionResultType]::ParameterName, 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az''s default subscription]')
            [CompletionResult]::new('--ids', '--ids', [CompletionResultType]::ParameterName, 'The resource''s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME')
            [CompletionResult]::new('--arm-endpoint', '--arm-endpoint', [CompletionResultType]::ParameterName, 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: json, the Azure Resource Manager JSON as az prints it]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: json, the Azure Resource Manager JSON as az prints it]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds each Azure Resource Manager call may take, sign-in and retries included')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries on 429, 5xx and connection failures, within --timeout')
            [CompletionResult]::new('--hub-name', '--hub-name', [CompletionResultType]::ParameterName, 'The hub')
            [CompletionResult]::new('--hub', '--hub', [CompletionResultType]::ParameterName, 'The hub')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print each HTTP request and response on stderr (tokens, keys and connection strings redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print each HTTP request and response on stderr (tokens, keys and connection strings redacted)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'webpubsub;hub;list' {
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)')
            [CompletionResult]::new('-g', '-g', [CompletionResultType]::ParameterName, 'Resource group of the resource')
            [CompletionResult]::new('--resource-group', '--resource-group', [CompletionResultType]::ParameterName, 'Resource group of the resource')
            [CompletionResult]::new('--subscription', '--subscription', [CompletionResultType]::ParameterName, 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az''s default subscription]')
            [CompletionResult]::new('--ids', '--ids', [CompletionResultType]::ParameterName, 'The resource''s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME')
            [CompletionResult]::new('--arm-endpoint', '--arm-endpoint', [CompletionResultType]::ParameterName, 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: json, the Azure Resource Manager JSON as az prints it]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: json, the Azure Resource Manager JSON as az prints it]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds each Azure Resource Manager call may take, sign-in and retries included')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries on 429, 5xx and connection failures, within --timeout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print each HTTP request and response on stderr (tokens, keys and connection strings redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print each HTTP request and response on stderr (tokens, keys and connection strings redacted)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'webpubsub;hub;delete' {
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)')
            [CompletionResult]::new('-g', '-g', [CompletionResultType]::ParameterName, 'Resource group of the resource')
            [CompletionResult]::new('--resource-group', '--resource-group', [CompletionResultType]::ParameterName, 'Resource group of the resource')
            [CompletionResult]::new('--subscription', '--subscription', [CompletionResultType]::ParameterName, 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az''s default subscription]')
            [CompletionResult]::new('--ids', '--ids', [CompletionResultType]::ParameterName, 'The resource''s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME')
            [CompletionResult]::new('--arm-endpoint', '--arm-endpoint', [CompletionResultType]::ParameterName, 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: json, the Azure Resource Manager JSON as az prints it]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: json, the Azure Resource Manager JSON as az prints it]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds each Azure Resource Manager call may take, sign-in and retries included')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries on 429, 5xx and connection failures, within --timeout')
            [CompletionResult]::new('--hub-name', '--hub-name', [CompletionResultType]::ParameterName, 'The hub')
            [CompletionResult]::new('--hub', '--hub', [CompletionResultType]::ParameterName, 'The hub')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print each HTTP request and response on stderr (tokens, keys and connection strings redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print each HTTP request and response on stderr (tokens, keys and connection strings redacted)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'webpubsub;hub;help' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create (or replace) a hub''s settings')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Change some of a hub''s settings; those not given stay as they are')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a hub''s settings')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the hubs that have settings')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a hub''s settings (its connections stay; the defaults apply again)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'webpubsub;hub;help;create' {
            break
        }
        'webpubsub;hub;help;update' {
            break
        }
        'webpubsub;hub;help;show' {
            break
        }
        'webpubsub;hub;help;list' {
            break
        }
        'webpubsub;hub;help;delete' {
            break
        }
        'webpubsub;hub;help;help' {
            break
        }
        'webpubsub;emulator' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('start', 'start', [CompletionResultType]::ParameterValue, 'Start the emulator and print its connection string on stdout')
            [CompletionResult]::new('stop', 'stop', [CompletionResultType]::ParameterValue, 'Stop emulators started with `emulator start --detach` (all of them, or the one on --port)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'webpubsub;emulator;start' {
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'With --detach: where the emulator''s log goes [default: a file in the user''s runtime directory, named on stderr]')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Address to listen on. The default accepts only local connections')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Port to listen on; 0 picks a free one (printed in the connection string)')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Port to listen on; 0 picks a free one (printed in the connection string)')
            [CompletionResult]::new('--access-key', '--access-key', [CompletionResultType]::ParameterName, 'Access key that signs tokens: at least 32 characters. The default is the public key of Microsoft''s emulator, so its samples work unchanged')
            [CompletionResult]::new('--recovery-window', '--recovery-window', [CompletionResultType]::ParameterName, 'Seconds a dropped reliable connection waits to be recovered')
            [CompletionResult]::new('--event-handler', '--event-handler', [CompletionResultType]::ParameterName, 'Send events to an upstream handler (repeatable; the first match wins), az-style items: "url-template=http://localhost:3000/eventhandler/{event} user-event-pattern=* system-event=connect system-event=connected system-event=disconnected [hub=chat]"')
            [CompletionResult]::new('--trace', '--trace', [CompletionResultType]::ParameterName, 'Append a request log to FILE (`-` for stderr): one JSON object per line for every REST call (method, path, query, content type, body, the bearer token''s claims, status) and every client frame in and out. Tokens and the access key are never written: a token becomes its claims, and access_token and reconnection tokens are redacted')
            [CompletionResult]::new('--allowed-host', '--allowed-host', [CompletionResultType]::ParameterName, 'Also answer requests whose Host is NAME (repeatable; `*.NAME` for its subdomains), e.g. a tunnel or container name. Without it only localhost, *.localhost and IP addresses are answered, so web pages cannot reach the emulator through DNS rebinding')
            [CompletionResult]::new('--allowed-origin', '--allowed-origin', [CompletionResultType]::ParameterName, 'Also accept browser requests and WebSockets from ORIGIN (repeatable), e.g. http://devbox:3000; `*` accepts any. Without it only pages on localhost, *.localhost and loopback addresses may use the emulator; clients that send no Origin always may')
            [CompletionResult]::new('--header-timeout', '--header-timeout', [CompletionResultType]::ParameterName, 'Seconds a client may take to send a request''s headers (from connecting, or from the first byte of a later request) before the connection is closed')
            [CompletionResult]::new('--idle-timeout', '--idle-timeout', [CompletionResultType]::ParameterName, 'Seconds a kept-alive connection may stay idle between requests')
            [CompletionResult]::new('--body-timeout', '--body-timeout', [CompletionResultType]::ParameterName, 'Seconds a client may take to send a request body after its headers (answered with 408)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Name of the emulated Azure resource, for ARM paths (`--arm-endpoint` in the CLI)')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Name of the emulated Azure resource, for ARM paths (`--arm-endpoint` in the CLI)')
            [CompletionResult]::new('-g', '-g', [CompletionResultType]::ParameterName, 'Resource group of the emulated resource')
            [CompletionResult]::new('--resource-group', '--resource-group', [CompletionResultType]::ParameterName, 'Resource group of the emulated resource')
            [CompletionResult]::new('--subscription', '--subscription', [CompletionResultType]::ParameterName, 'Subscription id of the emulated resource')
            [CompletionResult]::new('--secondary-key', '--secondary-key', [CompletionResultType]::ParameterName, 'Secondary access key (at least 32 characters) [default: random at each start]')
            [CompletionResult]::new('--identity-header', '--identity-header', [CompletionResultType]::ParameterName, 'Secret of the managed-identity endpoint (IDENTITY_HEADER; 8 to 256 printable characters) [default: random at each start, printed on stderr]')
            [CompletionResult]::new('--entra-identity', '--entra-identity', [CompletionResultType]::ParameterName, 'Give an Entra identity (client id) other roles than the default (all): CLIENT_ID=ROLE[,ROLE] with Contributor, Reader, WebPubSubServiceOwner, or none (repeatable), e.g. reader-app=Reader')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)')
            [CompletionResult]::new('--detach', '--detach', [CompletionResultType]::ParameterName, 'Run in the background: print the connection string once the emulator is ready and return, leaving it running (its log goes to a file, named on stderr). For scripts: `CS=$(webpubsub emulator start --port 0 --detach)`; stop it with `webpubsub emulator stop`')
            [CompletionResult]::new('--disable-local-auth', '--disable-local-auth', [CompletionResultType]::ParameterName, 'Refuse tokens signed with the access keys (REST and clients), as disableLocalAuth does: only Entra ID tokens are accepted, and clients connect with tokens from :generateToken')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'webpubsub;emulator;stop' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Only the emulator listening on this port')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Only the emulator listening on this port')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'webpubsub;emulator;help' {
            [CompletionResult]::new('start', 'start', [CompletionResultType]::ParameterValue, 'Start the emulator and print its connection string on stdout')
            [CompletionResult]::new('stop', 'stop', [CompletionResultType]::ParameterValue, 'Stop emulators started with `emulator start --detach` (all of them, or the one on --port)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'webpubsub;emulator;help;start' {
            break
        }
        'webpubsub;emulator;help;stop' {
            break
        }
        'webpubsub;emulator;help;help' {
            break
        }
        'webpubsub;completions' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'webpubsub;help' {
            [CompletionResult]::new('service', 'service', [CompletionResultType]::ParameterValue, 'Call the REST data plane: send messages, manage groups, connections, users and permissions')
            [CompletionResult]::new('client', 'client', [CompletionResultType]::ParameterValue, 'Client-side tools: mint a client access token or URL locally')
            [CompletionResult]::new('token', 'token', [CompletionResultType]::ParameterValue, 'Inspect tokens: decode a JWT and check its signature')
            [CompletionResult]::new('key', 'key', [CompletionResultType]::ParameterValue, 'Show or regenerate a resource''s access keys (through Azure Resource Manager, as az does)')
            [CompletionResult]::new('hub', 'hub', [CompletionResultType]::ParameterValue, 'Create, update, show, list or delete a hub''s settings: event handlers, anonymous connections, keep-alive (through Azure Resource Manager, as az does)')
            [CompletionResult]::new('emulator', 'emulator', [CompletionResultType]::ParameterValue, 'Run a local Azure Web PubSub service: REST API, client WebSockets and JWT auth, no Azure account needed')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script (bash, zsh, fish, powershell, elvish) to stdout')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'webpubsub;help;service' {
            [CompletionResult]::new('broadcast', 'broadcast', [CompletionResultType]::ParameterValue, 'Send a message to every connection of the hub')
            [CompletionResult]::new('connection', 'connection', [CompletionResultType]::ParameterValue, 'Send to, check, close a connection, or remove it from all its groups')
            [CompletionResult]::new('group', 'group', [CompletionResultType]::ParameterValue, 'Send to a group, manage its members, check or close it')
            [CompletionResult]::new('user', 'user', [CompletionResultType]::ParameterValue, 'Send to a user, check, close, or remove it from all groups')
            [CompletionResult]::new('permission', 'permission', [CompletionResultType]::ParameterValue, 'Grant, revoke or check a connection''s permission on a group')
            [CompletionResult]::new('close-all', 'close-all', [CompletionResultType]::ParameterValue, 'Close every connection of the hub')
            [CompletionResult]::new('add-to-groups', 'add-to-groups', [CompletionResultType]::ParameterValue, 'Add every connection a filter selects to groups')
            [CompletionResult]::new('remove-from-groups', 'remove-from-groups', [CompletionResultType]::ParameterValue, 'Remove every connection a filter selects from groups')
            [CompletionResult]::new('health', 'health', [CompletionResultType]::ParameterValue, 'Check that the service answers (HEAD /api/health)')
            [CompletionResult]::new('token', 'token', [CompletionResultType]::ParameterValue, 'Ask the service to generate a client access token (:generateToken)')
            [CompletionResult]::new('apply', 'apply', [CompletionResultType]::ParameterValue, 'Run a list of actions (Azure Functions output-binding shape) from a file or stdin')
            break
        }
        'webpubsub;help;service;broadcast' {
            break
        }
        'webpubsub;help;service;connection' {
            [CompletionResult]::new('send', 'send', [CompletionResultType]::ParameterValue, 'Send a message to one connection (202 even if it does not exist)')
            [CompletionResult]::new('exist', 'exist', [CompletionResultType]::ParameterValue, 'Exit 0 if the connection exists, 1 if not')
            [CompletionResult]::new('close', 'close', [CompletionResultType]::ParameterValue, 'Close a connection')
            [CompletionResult]::new('remove-from-all-groups', 'remove-from-all-groups', [CompletionResultType]::ParameterValue, 'Remove a connection from all its groups')
            break
        }
        'webpubsub;help;service;connection;send' {
            break
        }
        'webpubsub;help;service;connection;exist' {
            break
        }
        'webpubsub;help;service;connection;close' {
            break
        }
        'webpubsub;help;service;connection;remove-from-all-groups' {
            break
        }
        'webpubsub;help;service;group' {
            [CompletionResult]::new('send', 'send', [CompletionResultType]::ParameterValue, 'Send a message to every connection in a group')
            [CompletionResult]::new('add-connection', 'add-connection', [CompletionResultType]::ParameterValue, 'Add a connection to a group')
            [CompletionResult]::new('remove-connection', 'remove-connection', [CompletionResultType]::ParameterValue, 'Remove a connection from a group')
            [CompletionResult]::new('add-user', 'add-user', [CompletionResultType]::ParameterValue, 'Add every connection of a user to a group')
            [CompletionResult]::new('remove-user', 'remove-user', [CompletionResultType]::ParameterValue, 'Remove a user from a group (or, without --group-name, from all groups, as az does)')
            [CompletionResult]::new('exist', 'exist', [CompletionResultType]::ParameterValue, 'Exit 0 if the group has connections, 1 if not')
            [CompletionResult]::new('close', 'close', [CompletionResultType]::ParameterValue, 'Close every connection in a group')
            [CompletionResult]::new('list-connections', 'list-connections', [CompletionResultType]::ParameterValue, 'List the connections in a group (api-version 2024-12-01)')
            break
        }
        'webpubsub;help;service;group;send' {
            break
        }
        'webpubsub;help;service;group;add-connection' {
            break
        }
        'webpubsub;help;service;group;remove-connection' {
            break
        }
        'webpubsub;help;service;group;add-user' {
            break
        }
        'webpubsub;help;service;group;remove-user' {
            break
        }
        'webpubsub;help;service;group;exist' {
            break
        }
        'webpubsub;help;service;group;close' {
            break
        }
        'webpubsub;help;service;group;list-connections' {
            break
        }
        'webpubsub;help;service;user' {
            [CompletionResult]::new('send', 'send', [CompletionResultType]::ParameterValue, 'Send a message to every connection of a user')
            [CompletionResult]::new('exist', 'exist', [CompletionResultType]::ParameterValue, 'Exit 0 if the user has connections, 1 if not')
            [CompletionResult]::new('close', 'close', [CompletionResultType]::ParameterValue, 'Close every connection of a user')
            [CompletionResult]::new('remove-from-all-groups', 'remove-from-all-groups', [CompletionResultType]::ParameterValue, 'Remove a user from all groups')
            break
        }
        'webpubsub;help;service;user;send' {
            break
        }
        'webpubsub;help;service;user;exist' {
            break
        }
        'webpubsub;help;service;user;close' {
            break
        }
        'webpubsub;help;service;user;remove-from-all-groups' {
            break
        }
        'webpubsub;help;service;permission' {
            [CompletionResult]::new('grant', 'grant', [CompletionResultType]::ParameterValue, 'Grant a connection a permission on a group')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Revoke a connection''s permission on a group')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Exit 0 if the connection has the permission, 1 if not')
            break
        }
        'webpubsub;help;service;permission;grant' {
            break
        }
        'webpubsub;help;service;permission;revoke' {
            break
        }
        'webpubsub;help;service;permission;check' {
            break
        }
        'webpubsub;help;service;close-all' {
            break
        }
        'webpubsub;help;service;add-to-groups' {
            break
        }
        'webpubsub;help;service;remove-from-groups' {
            break
        }
        'webpubsub;help;service;health' {
            break
        }
        'webpubsub;help;service;token' {
            break
        }
        'webpubsub;help;service;apply' {
            break
        }
        'webpubsub;help;client' {
            [CompletionResult]::new('start', 'start', [CompletionResultType]::ParameterValue, 'Connect to a hub as a client: an interactive REPL on a terminal, a JSON-lines pipe otherwise')
            [CompletionResult]::new('token', 'token', [CompletionResultType]::ParameterValue, 'Mint a client access token locally (no network), or with --print-url the full client URL. With Entra ID (no key), the service generates it (:generateToken)')
            break
        }
        'webpubsub;help;client;start' {
            break
        }
        'webpubsub;help;client;token' {
            break
        }
        'webpubsub;help;token' {
            [CompletionResult]::new('decode', 'decode', [CompletionResultType]::ParameterValue, 'Show a JWT''s header and claims, when it expires, and whether its signature verifies')
            break
        }
        'webpubsub;help;token;decode' {
            break
        }
        'webpubsub;help;key' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show the access keys and connection strings (needs the Contributor role)')
            [CompletionResult]::new('regenerate', 'regenerate', [CompletionResultType]::ParameterValue, 'Regenerate the primary or secondary key: tokens signed with the old one stop working')
            break
        }
        'webpubsub;help;key;show' {
            break
        }
        'webpubsub;help;key;regenerate' {
            break
        }
        'webpubsub;help;hub' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create (or replace) a hub''s settings')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Change some of a hub''s settings; those not given stay as they are')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a hub''s settings')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the hubs that have settings')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a hub''s settings (its connections stay; the defaults apply again)')
            break
        }
        'webpubsub;help;hub;create' {
            break
        }
        'webpubsub;help;hub;update' {
            break
        }
        'webpubsub;help;hub;show' {
            break
        }
        'webpubsub;help;hub;list' {
            break
        }
        'webpubsub;help;hub;delete' {
            break
        }
        'webpubsub;help;emulator' {
            [CompletionResult]::new('start', 'start', [CompletionResultType]::ParameterValue, 'Start the emulator and print its connection string on stdout')
            [CompletionResult]::new('stop', 'stop', [CompletionResultType]::ParameterValue, 'Stop emulators started with `emulator start --detach` (all of them, or the one on --port)')
            break
        }
        'webpubsub;help;emulator;start' {
            break
        }
        'webpubsub;help;emulator;stop' {
            break
        }
        'webpubsub;help;completions' {
            break
        }
        'webpubsub;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
