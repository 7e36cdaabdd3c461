{{/* Trino's jvm.config for a heap size, as Trino's deployment guide recommends. */}}
{{- define "tributary.trino.jvmConfig" -}}
-server
-Xmx{{ . }}
-XX:InitialRAMPercentage=80
-XX:MaxRAMPercentage=80
-XX:G1HeapRegionSize=32M
-XX:+ExplicitGCInvokesConcurrent
-XX:+ExitOnOutOfMemoryError
-XX:+HeapDumpOnOutOfMemoryError
-XX:-OmitStackTraceInFastThrow
-XX:ReservedCodeCacheSize=512M
-XX:PerMethodRecompilationCutoff=10000
-XX:PerBytecodeRecompilationCutoff=10000
-Djdk.attach.allowAttachSelf=true
-Djdk.nio.maxCachedBufferSize=2000000
-Dfile.encoding=UTF-8
-XX:+EnableDynamicAgentLoading
{{- end -}}

{{/*
Trino's resource groups, from values: the API's queries (client source tributary-platform), one
group per domain chosen by the user's OIDC groups, and everything else one subgroup per user.
*/}}
{{- define "tributary.trino.resourceGroups" -}}
{{- $groups := .Values.trino.resourceGroups -}}
{{- $roots := list (dict "name" "platform" "hardConcurrencyLimit" $groups.platform.hardConcurrencyLimit "maxQueued" $groups.platform.maxQueued "softMemoryLimit" $groups.platform.softMemoryLimit) -}}
{{- $selectors := list (dict "source" "tributary-platform" "group" "platform") -}}
{{- if $groups.domains -}}
{{- $subGroups := list -}}
{{- $concurrency := 0 -}}
{{- $queued := 0 -}}
{{- range $groups.domains -}}
{{- $subGroups = append $subGroups (dict "name" .name "hardConcurrencyLimit" .hardConcurrencyLimit "maxQueued" .maxQueued "softMemoryLimit" .softMemoryLimit) -}}
{{- $concurrency = add $concurrency .hardConcurrencyLimit -}}
{{- $queued = add $queued .maxQueued -}}
{{- $quoted := list -}}
{{- range .groups -}}{{- $quoted = append $quoted (regexQuoteMeta .) -}}{{- end -}}
{{- $selectors = append $selectors (dict "userGroup" (printf "(%s)" (join "|" $quoted)) "group" (printf "domains.%s" .name)) -}}
{{- end -}}
{{- $roots = append $roots (dict "name" "domains" "hardConcurrencyLimit" $concurrency "maxQueued" $queued "softMemoryLimit" "100%" "subGroups" $subGroups) -}}
{{- end -}}
{{- $adhoc := $groups.adhoc -}}
{{- $perUser := dict "name" "${USER}" "hardConcurrencyLimit" $adhoc.perUserConcurrencyLimit "maxQueued" $adhoc.maxQueued "softMemoryLimit" "100%" -}}
{{- $roots = append $roots (dict "name" "adhoc" "hardConcurrencyLimit" $adhoc.hardConcurrencyLimit "maxQueued" $adhoc.maxQueued "softMemoryLimit" $adhoc.softMemoryLimit "subGroups" (list $perUser)) -}}
{{- $selectors = append $selectors (dict "group" "adhoc.${USER}") -}}
{{- dict "rootGroups" $roots "selectors" $selectors | toPrettyJson -}}
{{- end -}}

{{/* Trino's node.environment, which also names the rows of the resource groups the API writes. */}}
{{- define "tributary.trino.environment" -}}
{{ .Release.Name | replace "-" "_" }}
{{- end -}}

{{/* Whether Trino reads its resource groups from the database the API writes them into. */}}
{{- define "tributary.trino.resourceGroupsFromDatabase" -}}
{{- if and .Values.trino.enabled (eq .Values.trino.resourceGroups.manager "db") }}true{{ end -}}
{{- end -}}

{{/* The PostgreSQL JDBC URL of the resource-group tables, shared by Trino and the API. */}}
{{- define "tributary.trino.resourceGroupsUrl" -}}
{{ required "trino.resourceGroups.database.url is required when trino.resourceGroups.manager is db (the PostgreSQL the API writes the domains' resource groups into; or set the manager to file for static groups)" .Values.trino.resourceGroups.database.url }}
{{- end -}}

{{/* The secrets Trino's configuration reads as ${ENV:...}: never written into a ConfigMap. */}}
{{- define "tributary.trino.secretEnv" -}}
- name: TRINO_SHARED_SECRET
  valueFrom:
    secretKeyRef:
      name: {{ .Values.secrets.existingSecret }}
      key: {{ .Values.secrets.keys.trinoSharedSecret }}
- name: TRIBUTARY_TRINO_RULES_SECRET
  valueFrom:
    secretKeyRef:
      name: {{ .Values.secrets.existingSecret }}
      key: {{ .Values.secrets.keys.rulesSecret }}
{{- if eq .Values.catalog.type "jdbc" }}
- name: TRIBUTARY_CATALOG_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ .Values.secrets.existingSecret }}
      key: {{ .Values.secrets.keys.catalogPassword }}
{{- end }}
{{- end -}}

{{/* What the group copier needs: where to read, where to write, how often, and the secret. */}}
{{- define "tributary.trino.groupSyncSettings" -}}
securityContext:
  {{- include "tributary.containerSecurityContext" . | nindent 2 }}
env:
  - name: GROUPS_URL
    value: {{ printf "%s/api/v1/engine/trino/groups" (include "tributary.api.internalUrl" .) | quote }}
  - name: GROUPS_FILE
    value: /var/lib/trino-groups/groups.txt
  - name: GROUPS_REFRESH_PERIOD
    value: {{ .Values.trino.accessControl.refreshPeriod | quote }}
  - name: TRIBUTARY_TRINO_RULES_SECRET
    valueFrom:
      secretKeyRef:
        name: {{ .Values.secrets.existingSecret }}
        key: {{ .Values.secrets.keys.rulesSecret }}
volumeMounts:
  - name: group-sync
    mountPath: /opt/tributary
    readOnly: true
  - name: groups
    mountPath: /var/lib/trino-groups
  - name: tmp
    mountPath: /tmp
{{- end -}}
