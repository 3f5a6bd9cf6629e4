#!/usr/bin/env bash
# Builds a WASecurity evidence bundle (docs/evidence-bundle.md) with the AWS CLI alone: the same files that
# Export-WASEvidence writes for a full assessment, so `Invoke-WASAssessment -EvidencePath <folder>` can assess an
# account whose auditors cannot run PowerShell or the module. Needs bash, the AWS CLI (v2 or v1) and standard
# POSIX tools; read-only credentials are enough (the SecurityAudit managed policy).
#
#   scripts/collect-evidence.sh --output ./evidence/prod [--regions us-east-1,eu-west-1] [--profile prod]
#
# Every call goes through save(): a response is written only when the CLI succeeded, and a failed call is
# written as the error document {"Error":{"Code":…,"Message":…}} with the code AWS returned, so an offline
# assessment reports the same Error (or, for "not found" answers, Fail) as a live one. No file is ever empty.
# The script never reads, prints or stores credentials: the AWS CLI resolves them as usual.

set -u

PROGRAM=collect-evidence.sh
VERSION=1.0.0
QUESTIONS='"SEC01", "SEC02", "SEC03", "SEC04", "SEC05", "SEC06", "SEC07", "SEC08", "SEC09", "SEC10", "SEC11", "SEC12"'
# DescribeInstancePatchStates takes at most this many instance ids per request.
PATCH_BATCH=50
# OpenSearch DescribeDomains takes at most this many domain names per request.
DOMAIN_BATCH=5

usage() {
    cat <<'USAGE'
Usage: collect-evidence.sh --output DIR [options]

Writes an evidence bundle for WASecurity (manifest.json plus one file per AWS API call) to DIR,
which must not exist or be empty. The bundle is assembled beside DIR and moved into place at the end.

Options:
  --output DIR         Where to write the bundle (required).
  --regions r1,r2      Collect only these regions (those of them enabled for the account).
                       Default: every enabled region (ec2 describe-regions).
  --profile NAME       AWS CLI profile to use.
  --region NAME        Region for account-wide calls (IAM, S3, STS, ...). Default: the CLI's
                       configured region (AWS_REGION, AWS_DEFAULT_REGION, the profile), else us-east-1.
  --endpoint-url URL   Send every call to this endpoint (an emulator such as moto, or a proxy).
  --parallel N         Collect up to N regions at the same time (default 4).
  -h, --help           Show this help.
USAGE
}

die() { printf '%s: %s\n' "$PROGRAM" "$*" >&2; exit 2; }
warn() { printf '%s: warning: %s\n' "$PROGRAM" "$*" >&2; }
note() { printf '%s: %s\n' "$PROGRAM" "$*" >&2; }

OUTPUT=
REGION_FILTER=
PROFILE=
HOME_REGION=
ENDPOINT_URL=
PARALLEL=4
while [ $# -gt 0 ]; do
    case $1 in
        --output|--regions|--profile|--region|--endpoint-url|--parallel)
            [ $# -ge 2 ] || die "$1 needs a value"
            case $1 in
                --output) OUTPUT=$2 ;;
                --regions) REGION_FILTER=$2 ;;
                --profile) PROFILE=$2 ;;
                --region) HOME_REGION=$2 ;;
                --endpoint-url) ENDPOINT_URL=$2 ;;
                --parallel) PARALLEL=$2 ;;
            esac
            shift 2 ;;
        --output=*) OUTPUT=${1#*=}; shift ;;
        --regions=*) REGION_FILTER=${1#*=}; shift ;;
        --profile=*) PROFILE=${1#*=}; shift ;;
        --region=*) HOME_REGION=${1#*=}; shift ;;
        --endpoint-url=*) ENDPOINT_URL=${1#*=}; shift ;;
        --parallel=*) PARALLEL=${1#*=}; shift ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; die "unknown argument '$1'" ;;
    esac
done

[ -n "$OUTPUT" ] || { usage >&2; die "--output DIR is required"; }
case $PARALLEL in ''|*[!0-9]*|0) die "--parallel needs a positive number, not '$PARALLEL'" ;; esac
command -v aws >/dev/null 2>&1 || die "the AWS CLI (aws) is not on PATH; install AWS CLI v2 (or v1) first"

if [ -e "$OUTPUT" ]; then
    [ -d "$OUTPUT" ] || die "'$OUTPUT' exists and is not a folder"
    [ -z "$(ls -A "$OUTPUT")" ] || die "'$OUTPUT' is not empty; choose a new or empty folder"
fi

is_region_name() { printf '%s\n' "$1" | grep -Eq '^[a-z]{2,5}(-[a-z0-9]+)+-[0-9]{1,2}$'; }

REQUESTED=
if [ -n "$REGION_FILTER" ]; then
    for r in $(printf '%s' "$REGION_FILTER" | tr ',' ' '); do
        is_region_name "$r" || die "'$r' from --regions is not an AWS region name (like eu-west-1 or us-east-1)"
        case " $REQUESTED " in *" $r "*) ;; *) REQUESTED="$REQUESTED $r" ;; esac
    done
    [ -n "$REQUESTED" ] || die "--regions names no region"
fi

# No pager (AWS CLI v2).
export AWS_PAGER=""

AWS_ARGS=()
[ -n "$PROFILE" ] && AWS_ARGS+=(--profile "$PROFILE")
[ -n "$ENDPOINT_URL" ] && AWS_ARGS+=(--endpoint-url "$ENDPOINT_URL")

awscli() { aws ${AWS_ARGS[@]+"${AWS_ARGS[@]}"} "$@"; }

if [ -z "$HOME_REGION" ]; then
    HOME_REGION=${AWS_REGION:-${AWS_DEFAULT_REGION:-}}
fi
if [ -z "$HOME_REGION" ]; then
    HOME_REGION=$(awscli configure get region 2>/dev/null) || HOME_REGION=
fi
[ -n "$HOME_REGION" ] || HOME_REGION=us-east-1

OUTPUT=${OUTPUT%/}
PARENT=$(dirname -- "$OUTPUT")
mkdir -p -- "$PARENT" || die "cannot create '$PARENT'"
B=$PARENT/.$(basename -- "$OUTPUT").partial-$$
WORK=$(mktemp -d "${TMPDIR:-/tmp}/collect-evidence.XXXXXX") || die "cannot create a temporary folder"
mkdir -- "$B" || die "cannot create '$B'"
cleanup() { rm -rf -- "$WORK"; [ -d "$B" ] && rm -rf -- "$B"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------------------------------------------------------
# Saving one call

# The bundle's file-name form of a resource key: letters, digits, '_', '-' and '.' (not first) stay; every other
# byte is %XX (an ARN's ':' and '/' included), exactly as the module's ApiCall.EncodeKey.
enc() {
    local LC_ALL=C
    local s=$1 out= c i n
    n=${#s}
    for ((i = 0; i < n; i++)); do
        c=${s:i:1}
        case $c in
            [A-Za-z0-9_-]) out+=$c ;;
            .) if [ -n "$out" ]; then out+=.; else out+=%2E; fi ;;
            *) out+=$(printf '%%%02X' "'$c") ;;
        esac
    done
    printf '%s' "$out"
}

json_string() { printf '%s' "$1" | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g'; }

# Prints the {"Error":…} document for a failed CLI call from what the CLI wrote to stderr ($1) and its exit code.
#   An error occurred (AccessDenied) when calling the GetAccountSummary operation: User: … is not authorized …
# gives Code AccessDenied and the message after "operation:". A bare HTTP status in place of the code (an answer
# without an AWS error body) is named as the module names it; a failure that never reached AWS is
# EndpointUnreachable, EndpointTimeout or NotCollected, with the CLI's own words as the message.
error_document() {
    local text code message status
    text=$(tr '\r\n\t' '   ' < "$1" | tr -d '\000-\010\013\014\016-\037' | sed -e 's/  */ /g' -e 's/^ //' -e 's/ $//')
    code=$(printf '%s\n' "$text" | sed -n 's/.*An error occurred (\([^)]*\)) when calling the [A-Za-z0-9]* operation.*/\1/p')
    if [ -n "$code" ]; then
        message=$(printf '%s\n' "$text" | sed -n 's/.*An error occurred ([^)]*) when calling the [A-Za-z0-9]* operation\( ([^)]*)\)\{0,1\}: *//p')
        case $code in
            *[!0-9]*) ;;
            *)
                status=$code
                case $status in
                    400) code=BadRequest ;;
                    401) code=Unauthorized ;;
                    403) code=AccessDenied ;;
                    404) code=NotFound ;;
                    429) code=TooManyRequestsException ;;
                    5??) code=ServiceUnavailable ;;
                    *) code=HttpError$status ;;
                esac
                message="HTTP $status: $message" ;;
        esac
    else
        case $text in
            *'Could not connect to the endpoint URL'*) code=EndpointUnreachable ;;
            *'timeout on endpoint URL'*|*'Read timeout'*|*'Connect timeout'*) code=EndpointTimeout ;;
            *) code=NotCollected ;;
        esac
        message=${text:-"The AWS CLI failed with exit code $2 and printed no error."}
    fi
    printf '{\n  "Error": {\n    "Code": "%s",\n    "Message": "%s"\n  }\n}\n' "$(json_string "$code")" "$(json_string "$message")"
}

# save FILE aws-arguments...: runs `aws <arguments> --output json` once. On success FILE gets what the CLI printed
# ({} when it printed nothing: the CLI prints nothing for an empty answer); on failure FILE gets the error document.
# A FILE that already exists is not collected again. FILE appears whole or not at all.
save() {
    local file=$1 rc=0
    shift
    [ -e "$file" ] && return 0
    mkdir -p -- "$(dirname -- "$file")" || return 0
    local out=$file.out.tmp err=$file.err.tmp
    awscli "$@" --output json > "$out" 2> "$err" || rc=$?
    if [ "$rc" -eq 0 ]; then
        if grep -q '[^[:space:]]' "$out"; then
            mv -f -- "$out" "$file"
        else
            printf '{}\n' > "$out" && mv -f -- "$out" "$file"
        fi
    else
        error_document "$err" "$rc" > "$out" && mv -f -- "$out" "$file"
    fi
    rm -f -- "$out" "$err"
}

# Whether FILE holds a response (not an error document).
succeeded() { [ -f "$1" ] && ! grep -q '^  "Error": {$' "$1"; }

# The resources of per-resource calls are read from the saved listing itself, so the per-resource files match the
# list an offline assessment sees. The CLI prints JSON indented by 4 spaces, one member per line; these helpers
# read that layout (string values only).

# records FILE INDENT KEY...: one line per object opened at INDENT spaces, the string values of its members KEY
# (Parent.Child: a member of its member object Parent) separated by tabs; None where a member is missing.
records() {
    local file=$1 indent=$2
    shift 2
    [ -f "$file" ] || return 0
    awk -v n="$indent" -v keys="$*" '
        function pad(k,   s) { s = ""; while (k-- > 0) s = s " "; return s }
        function value(text,   v) { v = substr(text, RLENGTH + 1); sub(/",?$/, "", v); return v }
        BEGIN { nk = split(keys, K, " "); open = pad(n) "{"; m = pad(n + 4) "\""; mm = pad(n + 8) "\""; inside = 0 }
        $0 == open { inside = 1; parent = ""; split("", V); next }
        inside && ($0 == pad(n) "}" || $0 == pad(n) "},") {
            line = ""
            for (i = 1; i <= nk; i++) line = line (i > 1 ? "\t" : "") ((K[i] in V) ? V[K[i]] : "None")
            print line
            inside = 0
            next
        }
        inside && index($0, m) == 1 {
            rest = substr($0, length(m))
            parent = ""
            if (match(rest, /^"[^"]*": "/)) V[substr(rest, 2, RLENGTH - 5)] = value(rest)
            else if (match(rest, /^"[^"]*": [{]$/)) parent = substr(rest, 2, RLENGTH - 5)
            next
        }
        inside && parent != "" && index($0, mm) == 1 {
            rest = substr($0, length(mm))
            if (match(rest, /^"[^"]*": "/)) V[parent "." substr(rest, 2, RLENGTH - 5)] = value(rest)
        }
    ' "$file"
}

# strings FILE KEY: the strings of the top-level list KEY ("TableNames": [ "a", "b" ]).
strings() {
    [ -f "$1" ] || return 0
    sed -n "/^    \"$2\": \[\$/,/^    \]/ s/^        \"\(.*\)\",\{0,1\}\$/\1/p" "$1"
}

# ---------------------------------------------------------------------------------------------------------------
# Who and where

COLLECTED_AT=$(date -u +%Y-%m-%dT%H:%M:%SZ)
note "identifying the account (sts get-caller-identity)"
save "$B/global/sts/GetCallerIdentity.json" sts get-caller-identity --region "$HOME_REGION"
if ! succeeded "$B/global/sts/GetCallerIdentity.json"; then
    sed -n 's/^    "Message": "\(.*\)"$/\1/p' "$B/global/sts/GetCallerIdentity.json" >&2
    die "cannot identify the account (sts get-caller-identity failed); no bundle was written"
fi
ACCOUNT=$(sed -n 's/^ *"Account": "\([0-9]*\)".*/\1/p' "$B/global/sts/GetCallerIdentity.json" | head -1)
CALLER_ARN=$(sed -n 's/^ *"Arn": "\([^"]*\)".*/\1/p' "$B/global/sts/GetCallerIdentity.json" | head -1)
PARTITION=$(printf '%s' "$CALLER_ARN" | cut -d: -f2)
[ -n "$ACCOUNT" ] || die "sts get-caller-identity printed no Account"
[ -n "$PARTITION" ] || PARTITION=aws

save "$B/$HOME_REGION/ec2/DescribeRegions.json" ec2 describe-regions --region "$HOME_REGION"
if succeeded "$B/$HOME_REGION/ec2/DescribeRegions.json"; then
    # Opt-in regions the account has not opted into are not enabled: their APIs would only answer OptInRequired.
    ENABLED=$(records "$B/$HOME_REGION/ec2/DescribeRegions.json" 8 RegionName OptInStatus \
        | awk -F '\t' '$1 != "None" && $2 != "not-opted-in" { print $1 }' | LC_ALL=C sort -u)
    if [ -n "$REQUESTED" ]; then
        REGIONS=
        SKIPPED=
        for r in $REQUESTED; do
            if printf '%s\n' "$ENABLED" | grep -qx -- "$r"; then REGIONS="$REGIONS $r"; else SKIPPED="$SKIPPED $r"; fi
        done
        [ -z "$SKIPPED" ] || warn "skipping${SKIPPED}: not enabled for this account (ec2 describe-regions)"
    else
        REGIONS=$(printf '%s\n' "$ENABLED" | tr '\n' ' ')
    fi
else
    REGIONS=${REQUESTED:-$HOME_REGION}
    warn "could not list the account's enabled regions (ec2 describe-regions failed); collecting$(printf ' %s' $REGIONS) only"
fi
REGIONS=$(printf '%s\n' $REGIONS | sed '/^$/d' | tr '\n' ' ')
[ -n "${REGIONS// /}" ] || die "no region to collect"
note "account $ACCOUNT ($PARTITION); regions: $REGIONS"

# ---------------------------------------------------------------------------------------------------------------
# Account-wide evidence (stored under global/)

G=$B/global
collect_global() {
    local h=(--region "$HOME_REGION")
    note "collecting account-wide evidence (IAM, account, S3, CloudFront)"
    # SEC 1, SEC 2, SEC 3, SEC 12
    save "$G/iam/GetAccountSummary.json" iam get-account-summary "${h[@]}"
    save "$G/iam/ListVirtualMFADevices.json" iam list-virtual-mfa-devices "${h[@]}"
    save "$G/iam/GetAccountAuthorizationDetails.json" iam get-account-authorization-details "${h[@]}"
    save "$G/iam/GetAccountPasswordPolicy.json" iam get-account-password-policy "${h[@]}"
    save "$G/iam/ListSAMLProviders.json" iam list-saml-providers "${h[@]}"
    save "$G/iam/ListOpenIDConnectProviders.json" iam list-open-id-connect-providers "${h[@]}"
    save "$G/iam/ListServerCertificates.json" iam list-server-certificates "${h[@]}"
    save "$G/iam/ListEntitiesForPolicy/AWSSupportAccess.json" iam list-entities-for-policy "${h[@]}" \
        --policy-arn "arn:$PARTITION:iam::aws:policy/AWSSupportAccess"
    save "$G/account/GetAlternateContact/SECURITY.json" account get-alternate-contact "${h[@]}" --alternate-contact-type SECURITY
    save "$G/organizations/DescribeOrganization.json" organizations describe-organization "${h[@]}"
    if succeeded "$G/organizations/DescribeOrganization.json"; then
        save "$G/organizations/ListRoots.json" organizations list-roots "${h[@]}"
        save "$G/organizations/ListPolicies/SERVICE_CONTROL_POLICY.json" organizations list-policies "${h[@]}" --filter SERVICE_CONTROL_POLICY
        local principal
        for principal in guardduty.amazonaws.com securityhub.amazonaws.com config.amazonaws.com config-multiaccountsetup.amazonaws.com; do
            save "$G/organizations/ListDelegatedAdministrators/$principal.json" organizations list-delegated-administrators "${h[@]}" --service-principal "$principal"
        done
    fi
    credential_report
    # SEC 6, SEC 4 (account-level S3 Block Public Access), SEC 11
    save "$G/s3control/GetPublicAccessBlock.json" s3control get-public-access-block "${h[@]}" --account-id "$ACCOUNT"
    save "$G/cloudfront/ListDistributions.json" cloudfront list-distributions "${h[@]}"
    # SEC 4: each distribution's logging, and the delivery sources of standard logging v2 (configured in us-east-1).
    local distribution
    for distribution in $(records "$G/cloudfront/ListDistributions.json" 12 Id); do
        save "$G/cloudfront/GetDistributionConfig/$(enc "$distribution").json" cloudfront get-distribution-config "${h[@]}" --id "$distribution"
    done
    save "$B/us-east-1/logs/DescribeDeliverySources.json" logs describe-delivery-sources --region us-east-1
    # S3: the bucket list and what SEC 6, SEC 8, SEC 9 and SEC 11 read of every bucket.
    save "$G/s3/ListBuckets.json" s3api list-buckets "${h[@]}"
    local bucket
    for bucket in $(records "$G/s3/ListBuckets.json" 8 Name); do
        bucket_calls "$bucket" GetBucketLocation GetBucketTagging GetBucketEncryption GetBucketVersioning \
            GetBucketReplication GetBucketPolicy GetPublicAccessBlock GetBucketAcl GetBucketLogging
    done
}

# The IAM credential report, generated first (as the module does) and stored as the CSV AWS returns.
credential_report() {
    local file=$G/iam/CredentialReport.csv state i
    for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30; do
        rm -f -- "$WORK/generate.json"
        save "$WORK/generate.json" iam generate-credential-report --region "$HOME_REGION"
        if ! succeeded "$WORK/generate.json"; then
            mkdir -p -- "$G/iam" && mv -f -- "$WORK/generate.json" "$file"
            return
        fi
        state=$(sed -n 's/^ *"State": "\([A-Z_]*\)".*/\1/p' "$WORK/generate.json")
        [ "$state" = COMPLETE ] && break
        sleep 2
    done
    save "$WORK/report.json" iam get-credential-report --region "$HOME_REGION" --query Content
    if succeeded "$WORK/report.json" && [ "$(head -c 1 "$WORK/report.json")" = '"' ]; then
        if tr -d '"[:space:]' < "$WORK/report.json" | base64 -d > "$WORK/report.csv" 2> /dev/null && [ -s "$WORK/report.csv" ]; then
            mv -f -- "$WORK/report.csv" "$file"
        else
            printf 'The credential report could not be decoded from base64.\n' > "$WORK/report.err"
            error_document "$WORK/report.err" 1 > "$file"
        fi
    else
        mv -f -- "$WORK/report.json" "$file"
    fi
}

# bucket_calls BUCKET Operation...: the per-bucket S3 calls, stored as global/s3/<Operation>/<bucket>.json.
bucket_calls() {
    local bucket=$1 op cli key
    shift
    key=$(enc "$bucket")
    for op in "$@"; do
        case $op in
            GetBucketLocation) cli=get-bucket-location ;;
            GetBucketTagging) cli=get-bucket-tagging ;;
            GetBucketEncryption) cli=get-bucket-encryption ;;
            GetBucketVersioning) cli=get-bucket-versioning ;;
            GetBucketReplication) cli=get-bucket-replication ;;
            GetBucketPolicy) cli=get-bucket-policy ;;
            GetPublicAccessBlock) cli=get-public-access-block ;;
            GetBucketAcl) cli=get-bucket-acl ;;
            GetBucketLogging) cli=get-bucket-logging ;;
            GetBucketPolicyStatus) cli=get-bucket-policy-status ;;
            GetObjectLockConfiguration) cli=get-object-lock-configuration ;;
            GetBucketLifecycleConfiguration) cli=get-bucket-lifecycle-configuration ;;
            *) warn "no CLI command known for s3 $op"; continue ;;
        esac
        save "$G/s3/$op/$key.json" s3api "$cli" --region "$HOME_REGION" --bucket "$bucket"
    done
}

# ---------------------------------------------------------------------------------------------------------------
# Regional evidence (stored under <region>/)

collect_region() {
    local r=$1 R=$B/$1
    local a=(--region "$1")
    local id name url arn key stage

    # SEC 2: IAM Identity Center instances; SEC 3: secrets and their rotation.
    save "$R/sso-admin/ListInstances.json" sso-admin list-instances "${a[@]}"
    save "$R/secretsmanager/ListSecrets.json" secretsmanager list-secrets "${a[@]}"

    # SEC 5, SEC 6, SEC 7, SEC 9, SEC 12: EC2.
    save "$R/ec2/DescribeInstances.json" ec2 describe-instances "${a[@]}"
    save "$R/ec2/DescribeSecurityGroups.json" ec2 describe-security-groups "${a[@]}"
    save "$R/ec2/DescribeNetworkInterfaces.json" ec2 describe-network-interfaces "${a[@]}"
    save "$R/ec2/DescribeNetworkAcls.json" ec2 describe-network-acls "${a[@]}"
    save "$R/ec2/GetEbsEncryptionByDefault.json" ec2 get-ebs-encryption-by-default "${a[@]}"
    save "$R/ec2/GetInstanceMetadataDefaults.json" ec2 get-instance-metadata-defaults "${a[@]}"
    save "$R/ec2/DescribeVolumes.json" ec2 describe-volumes "${a[@]}"
    save "$R/ec2/DescribeSnapshots.json" ec2 describe-snapshots "${a[@]}" --owner-ids self
    save "$R/ec2/DescribeSnapshots/public.json" ec2 describe-snapshots "${a[@]}" --owner-ids self --restorable-by-user-ids all
    save "$R/ec2/DescribeImages.json" ec2 describe-images "${a[@]}" --owners self
    save "$R/ec2/DescribeVpcs.json" ec2 describe-vpcs "${a[@]}"
    save "$R/ec2/DescribeFlowLogs.json" ec2 describe-flow-logs "${a[@]}"
    save "$R/accessanalyzer/ListAnalyzers.json" accessanalyzer list-analyzers "${a[@]}"
    save "$R/ssm/DescribeInstanceInformation.json" ssm describe-instance-information "${a[@]}"
    running_instances "$r"
    # SEC 3: user data of every instance that can run again (terminated ones keep none).
    for id in $(records "$R/ec2/DescribeInstances.json" 16 InstanceId State.Name \
            | awk -F '\t' '$2 != "terminated" && $2 != "shutting-down" && $1 != "None" { print $1 }' | LC_ALL=C sort -u); do
        save "$R/ec2/DescribeInstanceAttribute/$(enc "$id").json" ec2 describe-instance-attribute "${a[@]}" \
            --instance-id "$id" --attribute userData
    done
    # SEC 3: stacks (outputs, parameters) and active ECS task definitions (container environments).
    save "$R/cloudformation/DescribeStacks.json" cloudformation describe-stacks "${a[@]}"
    save "$R/ecs/ListTaskDefinitions.json" ecs list-task-definitions "${a[@]}" --status ACTIVE
    for arn in $(strings "$R/ecs/ListTaskDefinitions.json" taskDefinitionArns); do
        save "$R/ecs/DescribeTaskDefinition/$(enc "$arn").json" ecs describe-task-definition "${a[@]}" --task-definition "$arn"
    done
    # SEC 3: CodeBuild projects, asked 100 names at a time in the listing's order (the API's limit), one file per batch.
    save "$R/codebuild/ListProjects.json" codebuild list-projects "${a[@]}"
    local projects batch n=0
    projects=$(strings "$R/codebuild/ListProjects.json" projects)
    while [ -n "$projects" ]; do
        batch=$(printf '%s\n' "$projects" | head -n 100)
        projects=$(printf '%s\n' "$projects" | sed '1,100d')
        n=$((n + 1))
        # shellcheck disable=SC2086 # one argument per project name
        save "$R/codebuild/BatchGetProjects/$n.json" codebuild batch-get-projects "${a[@]}" --names $batch
    done

    # SEC 4: logging and detection.
    save "$R/cloudtrail/DescribeTrails.json" cloudtrail describe-trails "${a[@]}" --include-shadow-trails
    save "$R/config/DescribeConfigurationRecorders.json" configservice describe-configuration-recorders "${a[@]}"
    save "$R/config/DescribeConfigurationRecorderStatus.json" configservice describe-configuration-recorder-status "${a[@]}"
    save "$R/guardduty/ListDetectors.json" guardduty list-detectors "${a[@]}"
    for id in $(strings "$R/guardduty/ListDetectors.json" DetectorIds); do
        save "$R/guardduty/GetDetector/$(enc "$id").json" guardduty get-detector "${a[@]}" --detector-id "$id"
    done
    save "$R/securityhub/DescribeHub.json" securityhub describe-hub "${a[@]}"
    save "$R/logs/DescribeLogGroups.json" logs describe-log-groups "${a[@]}"
    save "$R/logs/DescribeMetricFilters.json" logs describe-metric-filters "${a[@]}"
    save "$R/cloudwatch/DescribeAlarms.json" cloudwatch describe-alarms "${a[@]}"

    # SEC 8, SEC 9: data stores.
    save "$R/dynamodb/ListTables.json" dynamodb list-tables "${a[@]}"
    for name in $(strings "$R/dynamodb/ListTables.json" TableNames); do
        key=$(enc "$name")
        save "$R/dynamodb/DescribeTable/$key.json" dynamodb describe-table "${a[@]}" --table-name "$name"
        save "$R/dynamodb/DescribeContinuousBackups/$key.json" dynamodb describe-continuous-backups "${a[@]}" --table-name "$name"
        save "$R/dynamodb/ListTagsOfResource/$key.json" dynamodb list-tags-of-resource "${a[@]}" \
            --resource-arn "arn:$PARTITION:dynamodb:$r:$ACCOUNT:table/$name"
    done
    save "$R/rds/DescribeDBInstances.json" rds describe-db-instances "${a[@]}"
    save "$R/rds/DescribeDBClusters.json" rds describe-db-clusters "${a[@]}"
    save "$R/efs/DescribeFileSystems.json" efs describe-file-systems "${a[@]}"
    save "$R/sqs/ListQueues.json" sqs list-queues "${a[@]}"
    for url in $(strings "$R/sqs/ListQueues.json" QueueUrls); do
        key=$(enc "${url##*/}")
        save "$R/sqs/GetQueueAttributes/$key.json" sqs get-queue-attributes "${a[@]}" --queue-url "$url" --attribute-names All
        save "$R/sqs/ListQueueTags/$key.json" sqs list-queue-tags "${a[@]}" --queue-url "$url"
    done
    save "$R/macie2/GetMacieSession.json" macie2 get-macie-session "${a[@]}"

    # SEC 6: topic policies (queue policies come with get-queue-attributes above).
    save "$R/sns/ListTopics.json" sns list-topics "${a[@]}"
    for arn in $(records "$R/sns/ListTopics.json" 8 TopicArn); do
        save "$R/sns/GetTopicAttributes/$(enc "$arn").json" sns get-topic-attributes "${a[@]}" --topic-arn "$arn"
    done
    # SEC 6: Lambda functions' resource policies and function URLs.
    save "$R/lambda/ListFunctions.json" lambda list-functions "${a[@]}"
    for name in $(records "$R/lambda/ListFunctions.json" 8 FunctionName); do
        key=$(enc "$name")
        save "$R/lambda/GetPolicy/$key.json" lambda get-policy "${a[@]}" --function-name "$name"
        save "$R/lambda/ListFunctionUrlConfigs/$key.json" lambda list-function-url-configs "${a[@]}" --function-name "$name"
    done
    # SEC 6: who may restore the manual RDS DB and cluster snapshots; ECR repository policies.
    save "$R/rds/DescribeDBSnapshots.json" rds describe-db-snapshots "${a[@]}" --snapshot-type manual
    for id in $(records "$R/rds/DescribeDBSnapshots.json" 8 DBSnapshotIdentifier); do
        save "$R/rds/DescribeDBSnapshotAttributes/$(enc "$id").json" rds describe-db-snapshot-attributes "${a[@]}" --db-snapshot-identifier "$id"
    done
    save "$R/rds/DescribeDBClusterSnapshots.json" rds describe-db-cluster-snapshots "${a[@]}" --snapshot-type manual
    for id in $(records "$R/rds/DescribeDBClusterSnapshots.json" 8 DBClusterSnapshotIdentifier); do
        save "$R/rds/DescribeDBClusterSnapshotAttributes/$(enc "$id").json" rds describe-db-cluster-snapshot-attributes "${a[@]}" \
            --db-cluster-snapshot-identifier "$id"
    done
    save "$R/ecr/DescribeRepositories.json" ecr describe-repositories "${a[@]}"
    save "$R/ecr/GetRegistryScanningConfiguration.json" ecr get-registry-scanning-configuration "${a[@]}"
    for name in $(records "$R/ecr/DescribeRepositories.json" 8 repositoryName); do
        save "$R/ecr/GetRepositoryPolicy/$(enc "$name").json" ecr get-repository-policy "${a[@]}" --repository-name "$name"
    done
    # SEC 7: the scan findings of each repository's most recently pushed image (latest imagePushedAt; the smallest
    # digest among images pushed the same second), one describe-image-scan-findings a repository. Times in UTC so
    # that they sort as text.
    for name in $(records "$R/ecr/DescribeRepositories.json" 8 repositoryName); do
        key=$(enc "$name")
        TZ=UTC save "$R/ecr/DescribeImages/$key.json" ecr describe-images "${a[@]}" --repository-name "$name"
        digest=$(records "$R/ecr/DescribeImages/$key.json" 8 imageDigest imagePushedAt | LC_ALL=C sort -t "$(printf '\t')" -k2,2 -k1,1r | tail -n 1 | cut -f 1)
        if [ -n "$digest" ] && [ "$digest" != "None" ]; then
            save "$R/ecr/DescribeImageScanFindings/$key.json" ecr describe-image-scan-findings "${a[@]}" --repository-name "$name" --image-id "imageDigest=$digest"
        fi
    done

    # SEC 6: the account's own Systems Manager documents and who each is shared with ("all": every AWS account).
    save "$R/ssm/ListDocuments.json" ssm list-documents "${a[@]}" --filters Key=Owner,Values=Self
    for name in $(records "$R/ssm/ListDocuments.json" 8 Name); do
        save "$R/ssm/DescribeDocumentPermission/$(enc "$name").json" ssm describe-document-permission "${a[@]}" --name "$name" --permission-type Share
    done

    # SEC 9: SageMaker notebook instances and the key of each one's storage volume.
    save "$R/sagemaker/ListNotebookInstances.json" sagemaker list-notebook-instances "${a[@]}"
    for name in $(records "$R/sagemaker/ListNotebookInstances.json" 8 NotebookInstanceName); do
        save "$R/sagemaker/DescribeNotebookInstance/$(enc "$name").json" sagemaker describe-notebook-instance "${a[@]}" --notebook-instance-name "$name"
    done

    # SEC 9: the encryption settings of the region's Glue Data Catalog (metadata and connection passwords).
    save "$R/glue/GetDataCatalogEncryptionSettings.json" glue get-data-catalog-encryption-settings "${a[@]}"

    # SEC 9: OpenSearch Service domains, described five names at a time into one DomainStatusList.
    save "$R/opensearch/ListDomainNames.json" opensearch list-domain-names "${a[@]}"
    opensearch_domains "$r"

    # SEC 9, SEC 10: KMS keys.
    save "$R/kms/ListKeys.json" kms list-keys "${a[@]}"
    save "$R/kms/ListAliases.json" kms list-aliases "${a[@]}"
    for id in $(records "$R/kms/ListKeys.json" 8 KeyId); do
        key=$(enc "$id")
        save "$R/kms/DescribeKey/$key.json" kms describe-key "${a[@]}" --key-id "$id"
        save "$R/kms/GetKeyRotationStatus/$key.json" kms get-key-rotation-status "${a[@]}" --key-id "$id"
        save "$R/kms/GetKeyPolicy/$key.json" kms get-key-policy "${a[@]}" --key-id "$id" --policy-name default
    done

    # SEC 11: data in transit.
    save "$R/elbv2/DescribeLoadBalancers.json" elbv2 describe-load-balancers "${a[@]}"
    for arn in $(records "$R/elbv2/DescribeLoadBalancers.json" 8 LoadBalancerArn); do
        save "$R/elbv2/DescribeListeners/$(enc "$arn").json" elbv2 describe-listeners "${a[@]}" --load-balancer-arn "$arn"
    done
    # SEC 5: the web ACL in front of each internet-facing Application load balancer.
    for arn in $(records "$R/elbv2/DescribeLoadBalancers.json" 8 LoadBalancerArn Type Scheme | awk -F '\t' '$2 == "application" && $3 == "internet-facing" { print $1 }'); do
        save "$R/wafv2/GetWebACLForResource/$(enc "$arn").json" wafv2 get-web-acl-for-resource "${a[@]}" --resource-arn "$arn"
    done
    # SEC 4, SEC 5: the stages of every REST API (access logs), and the web ACL of each stage that names one.
    save "$R/apigateway/GetRestApis.json" apigateway get-rest-apis "${a[@]}"
    for id in $(records "$R/apigateway/GetRestApis.json" 8 id); do
        save "$R/apigateway/GetStages/$(enc "$id").json" apigateway get-stages "${a[@]}" --rest-api-id "$id"
        for stage in $(records "$R/apigateway/GetStages/$(enc "$id").json" 8 stageName webAclArn | awk -F '\t' '$2 != "None" { print $1 }'); do
            arn="arn:$PARTITION:apigateway:$r::/restapis/$id/stages/$stage"
            save "$R/wafv2/GetWebACLForResource/$(enc "$arn").json" wafv2 get-web-acl-for-resource "${a[@]}" --resource-arn "$arn"
        done
    done
    # SEC 4: the stages of every HTTP and WebSocket API (API Gateway v2) and their access log settings.
    save "$R/apigatewayv2/GetApis.json" apigatewayv2 get-apis "${a[@]}"
    for id in $(records "$R/apigatewayv2/GetApis.json" 8 ApiId); do
        save "$R/apigatewayv2/GetStages/$(enc "$id").json" apigatewayv2 get-stages "${a[@]}" --api-id "$id"
    done
    # SEC 4: access logs of the Application load balancers.
    for arn in $(records "$R/elbv2/DescribeLoadBalancers.json" 8 LoadBalancerArn Type | awk -F '\t' '$2 == "application" { print $1 }'); do
        save "$R/elbv2/DescribeLoadBalancerAttributes/$(enc "$arn").json" elbv2 describe-load-balancer-attributes "${a[@]}" --load-balancer-arn "$arn"
    done
    save "$R/elb/DescribeLoadBalancers.json" elb describe-load-balancers "${a[@]}"
    for name in $(records "$R/elb/DescribeLoadBalancers.json" 8 LoadBalancerName); do
        save "$R/elb/DescribeLoadBalancerPolicies/$(enc "$name").json" elb describe-load-balancer-policies "${a[@]}" --load-balancer-name "$name"
        save "$R/elb/DescribeLoadBalancerAttributes/$(enc "$name").json" elb describe-load-balancer-attributes "${a[@]}" --load-balancer-name "$name"
    done
    # ACM lists only RSA_2048 certificates unless asked for every key type.
    local types=keyTypes=RSA_1024,RSA_2048,RSA_3072,RSA_4096,EC_prime256v1,EC_secp384r1,EC_secp521r1
    save "$R/acm/ListCertificates.json" acm list-certificates "${a[@]}" --includes "$types"
    for arn in $(records "$R/acm/ListCertificates.json" 8 CertificateArn); do
        save "$R/acm/DescribeCertificate/$(enc "$arn").json" acm describe-certificate "${a[@]}" --certificate-arn "$arn"
    done

    # SEC 12: incident response.
    save "$R/events/ListRules.json" events list-rules "${a[@]}"
    for name in $(records "$R/events/ListRules.json" 8 Name); do
        save "$R/events/ListTargetsByRule/$(enc "$name").json" events list-targets-by-rule "${a[@]}" --rule "$name"
    done
}

# The region's running instances: the images they run (ec2 DescribeImages/instances.json, one call; never without
# ids, which would list every public image) and their patch states (ssm DescribeInstancePatchStates.json, requested
# in batches of 50 ids, the API's limit, and merged into one InstancePatchStates list).
running_instances() {
    local r=$1 R=$B/$1 list ids images
    list=$WORK/running-$r
    records "$R/ec2/DescribeInstances.json" 16 InstanceId ImageId State.Name | awk -F '\t' '$3 == "running"' > "$list"
    ids=$(cut -f1 < "$list" | sed -e '/^None$/d' -e '/^$/d' | LC_ALL=C sort -u)
    images=$(cut -f2 < "$list" | sed -e '/^None$/d' -e '/^$/d' | LC_ALL=C sort -u)
    if [ -n "$images" ]; then
        # shellcheck disable=SC2086 # one argument per image id
        save "$R/ec2/DescribeImages/instances.json" ec2 describe-images --region "$r" --image-ids $images \
            --include-deprecated --include-disabled
    fi
    [ -n "$ids" ] || return 0

    printf '%s\n' "$ids" | batched "$R/ssm/DescribeInstancePatchStates.json" InstancePatchStates "$PATCH_BATCH" \
        ssm describe-instance-patch-states --region "$r" --instance-ids
}

# The region's OpenSearch domains of ListDomainNames.json, described in batches of 5 names (the API's limit) and
# merged into one opensearch/DescribeDomains.json whose DomainStatusList holds every domain. No call without names.
opensearch_domains() {
    local r=$1 R=$B/$1 names
    names=$(records "$R/opensearch/ListDomainNames.json" 8 DomainName | sed -e '/^None$/d' -e '/^$/d' | LC_ALL=C sort -u)
    [ -n "$names" ] || return 0
    printf '%s\n' "$names" | batched "$R/opensearch/DescribeDomains.json" DomainStatusList "$DOMAIN_BATCH" \
        opensearch describe-domains --region "$r" --domain-names
}

# batched FILE MEMBER SIZE CALL...: the words on standard input (one per line) passed to CALL, SIZE at a time, and the
# MEMBER lists of all answers merged into FILE as {"MEMBER": [...]}, as the module merges them. One failed batch
# makes the whole call a failure (its error document is FILE), as it would be for the module.
batched() {
    local file=$1 member=$2 size=$3 words batch n=0 part merged first body parts
    shift 3
    words=$(cat)
    [ -n "$words" ] || return 0
    parts=$(mktemp -d "$WORK/batch.XXXXXX")
    while [ -n "$words" ]; do
        batch=$(printf '%s\n' "$words" | head -n "$size")
        words=$(printf '%s\n' "$words" | sed "1,${size}d")
        n=$((n + 1))
        # shellcheck disable=SC2086 # one argument per word
        save "$parts/$n.json" "$@" $batch --query "$member"
        if ! succeeded "$parts/$n.json"; then
            mkdir -p -- "$(dirname -- "$file")" && cp -- "$parts/$n.json" "$file"
            return 0
        fi
    done
    merged=$parts/merged.json
    first=1
    {
        printf '{\n    "%s": [' "$member"
        for part in $(ls "$parts" | grep -E '^[0-9]+\.json$' | sort -n); do
            body=$(sed -e '1d' -e '$d' "$parts/$part")
            case $(tr -d '[:space:]' < "$parts/$part") in '[]'|'null'|'{}') continue ;; esac
            if [ $first -eq 1 ]; then printf '\n'; first=0; else printf ',\n'; fi
            printf '%s' "$body"
        done
        if [ $first -eq 1 ]; then printf ']\n}\n'; else printf '\n    ]\n}\n'; fi
    } > "$merged"
    mkdir -p -- "$(dirname -- "$file")" && mv -f -- "$merged" "$file"
}

# ---------------------------------------------------------------------------------------------------------------
# Evidence that follows from the regional listings: trails, their buckets, alarm topics, replication targets

collect_followups() {
    local arn home bucket group row group_region alarm_regions topic topic_region file target
    note "collecting trails, trail buckets, alarm topics and replication targets"
    # Every trail once (a multi-region trail is listed in every region), read in its home region and keyed by ARN.
    : > "$WORK/trails"
    for r in $REGIONS; do
        records "$B/$r/cloudtrail/DescribeTrails.json" 8 TrailARN HomeRegion S3BucketName CloudWatchLogsLogGroupArn >> "$WORK/trails"
    done
    alarm_regions=$REGIONS
    while IFS="$(printf '\t')" read -r arn home bucket group; do
        [ -n "$arn" ] && [ "$arn" != None ] || continue
        if [ -z "$home" ] || [ "$home" = None ]; then home=$(printf '%s' "$arn" | cut -d: -f4); fi
        save "$B/$home/cloudtrail/GetTrailStatus/$(enc "$arn").json" cloudtrail get-trail-status --region "$home" --name "$arn"
        save "$B/$home/cloudtrail/GetEventSelectors/$(enc "$arn").json" cloudtrail get-event-selectors --region "$home" --trail-name "$arn"
        if [ -n "$bucket" ] && [ "$bucket" != None ]; then
            bucket_calls "$bucket" GetBucketLogging GetBucketAcl GetBucketPolicyStatus GetBucketPolicy GetPublicAccessBlock \
                GetBucketVersioning GetObjectLockConfiguration GetBucketLifecycleConfiguration
        fi
        # The metric filters and alarms on the trail's log group are read in the log group's region.
        group_region=$(printf '%s' "${group:-}" | cut -d: -f4)
        if [ -n "$group_region" ] && is_region_name "$group_region"; then
            save "$B/$group_region/logs/DescribeMetricFilters.json" logs describe-metric-filters --region "$group_region"
            save "$B/$group_region/cloudwatch/DescribeAlarms.json" cloudwatch describe-alarms --region "$group_region"
            case " $alarm_regions " in *" $group_region "*) ;; *) alarm_regions="$alarm_regions $group_region" ;; esac
        fi
    done < <(LC_ALL=C sort -u "$WORK/trails")

    # The subscriptions of every SNS topic an alarm notifies, read in the topic's region.
    for r in $alarm_regions; do
        [ -f "$B/$r/cloudwatch/DescribeAlarms.json" ] || continue
        for topic in $(sed -n '/^            "AlarmActions": \[$/,/^            \]/ s/^                "\(.*\)",\{0,1\}$/\1/p' \
                "$B/$r/cloudwatch/DescribeAlarms.json" | LC_ALL=C sort -u); do
            case $topic in arn:*:sns:*) ;; *) continue ;; esac
            topic_region=$(printf '%s' "$topic" | cut -d: -f4)
            [ -n "$topic_region" ] || topic_region=$r
            save "$B/$topic_region/sns/ListSubscriptionsByTopic/$(enc "$topic").json" sns list-subscriptions-by-topic \
                --region "$topic_region" --topic-arn "$topic"
        done
    done

    # The location of every bucket a replication rule writes to (it may belong to another account).
    for file in "$G"/s3/GetBucketReplication/*.json; do
        succeeded "$file" || continue
        for target in $(sed -n 's/^ *"Bucket": "\([^"]*\)".*/\1/p' "$file"); do
            bucket_calls "${target##*:}" GetBucketLocation
        done
    done
}

# ---------------------------------------------------------------------------------------------------------------

collect_global

note "collecting regional evidence:$(printf ' %s' $REGIONS)"
running=0
for r in $REGIONS; do
    collect_region "$r" &
    running=$((running + 1))
    if [ "$running" -ge "$PARALLEL" ]; then
        wait
        running=0
    fi
done
wait

collect_followups

# Leftovers of an interrupted save never reach the bundle.
find "$B" -name '*.tmp' -type f -exec rm -f {} +

{
    printf '{\n'
    printf '  "schemaVersion": 1,\n'
    printf '  "accountId": "%s",\n' "$ACCOUNT"
    printf '  "partition": "%s",\n' "$(json_string "$PARTITION")"
    printf '  "collectedAt": "%s",\n' "$COLLECTED_AT"
    printf '  "regions": [%s],\n' "$(printf '"%s", ' $REGIONS | sed 's/, $//')"
    printf '  "questions": [%s],\n' "$QUESTIONS"
    printf '  "tool": { "name": "%s", "version": "%s" }\n' "$PROGRAM" "$VERSION"
    printf '}\n'
} > "$B/manifest.json"

files=$(find "$B" -type f | wc -l | tr -d ' ')
failed=$(grep -rl '^  "Error": {$' "$B" 2> /dev/null | wc -l | tr -d ' ')
[ -d "$OUTPUT" ] && rmdir -- "$OUTPUT"
mv -- "$B" "$OUTPUT" || die "cannot move the bundle into '$OUTPUT'"
note "wrote $files files ($failed of them failed calls, stored as error documents) for account $ACCOUNT to '$OUTPUT'"
