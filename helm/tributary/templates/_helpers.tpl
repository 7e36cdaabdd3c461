{{/* The chart's name. */}}
{{- define "tributary.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* The prefix of every resource name. */}}
{{- define "tributary.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "tributary.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/name: {{ include "tributary.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{/* Selector labels of one component: api, coordinator or worker. */}}
{{- define "tributary.selectorLabels" -}}
app.kubernetes.io/name: {{ include "tributary.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "tributary.api.fullname" -}}{{ include "tributary.fullname" . }}-api{{- end -}}
{{- define "tributary.trino.fullname" -}}{{ include "tributary.fullname" . }}-trino{{- end -}}
{{- define "tributary.trino.internalName" -}}{{ include "tributary.fullname" . }}-trino-internal{{- end -}}

{{- define "tributary.api.serviceAccountName" -}}
{{- if .Values.api.serviceAccount.create -}}
{{- default (include "tributary.api.fullname" .) .Values.api.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.api.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "tributary.trino.serviceAccountName" -}}
{{- if .Values.trino.serviceAccount.create -}}
{{- default (include "tributary.trino.fullname" .) .Values.trino.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.trino.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* An image reference, by digest when one is given. */}}
{{- define "tributary.image" -}}
{{- if .digest -}}
{{- printf "%s:%s@%s" .repository .tag .digest -}}
{{- else -}}
{{- printf "%s:%s" .repository .tag -}}
{{- end -}}
{{- end -}}

{{/* The API's in-cluster base URL, which Trino reads the rules from. */}}
{{- define "tributary.api.internalUrl" -}}
{{- printf "http://%s.%s.svc:%v" (include "tributary.api.fullname" .) .Release.Namespace .Values.api.service.port -}}
{{- end -}}

{{/* The JDBC URL the API hands to BI tools and queries with. */}}
{{- define "tributary.engine.jdbcUrl" -}}
{{- if .Values.engine.jdbcUrl -}}
{{- .Values.engine.jdbcUrl -}}
{{- else if .Values.trino.externalHost -}}
{{- printf "jdbc:trino://%s:%v/%s?SSL=true" .Values.trino.externalHost .Values.trino.service.port .Values.catalog.name -}}
{{- else -}}
{{- printf "jdbc:trino://%s.%s.svc:%v/%s?SSL=true" (include "tributary.trino.fullname" .) .Release.Namespace .Values.trino.service.port .Values.catalog.name -}}
{{- end -}}
{{- end -}}

{{/* Pod and container security settings every pod of the chart shares. */}}
{{- define "tributary.podSecurityContext" -}}
runAsNonRoot: true
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{- define "tributary.containerSecurityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
runAsNonRoot: true
capabilities:
  drop: [ALL]
{{- end -}}
