from django.apps import AppConfig


class WorkspaceConfig(AppConfig):
    name = "propriety.workspace"
    label = "workspace"
    verbose_name = "Workspace: work queues, search, exports, feeds and reports"
