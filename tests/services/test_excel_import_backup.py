"""An Excel import that writes leaves a backup of the database as it was before."""

from sifasuo_desktop.core import paths
from sifasuo_desktop.services.excel_export import ListOptions, export_list
from sifasuo_desktop.services.excel_import import import_excel
from tests.excel_data import fill_demo, new_office


def _import_backups(ctx):
    folder = paths.backup_dir(ctx.path)
    return sorted(folder.glob("*import*")) if folder.exists() else []


def test_import_backs_up_before_writing(ctx, tmp_path, _template_db):
    fill_demo(ctx)
    target = new_office(tmp_path, _template_db)
    assert _import_backups(target) == []
    result = import_excel(target, export_list(ctx, "roster", ListOptions(full_id=True, include_ended=True)))
    assert result.imported
    assert len(_import_backups(target)) == 1
