//! Ledgers (台账): the spreadsheets offices keep, built from the same scoped reads as the API, so a
//! caller's ledger holds exactly the rows their queries would return.

pub mod rectification;
pub mod statistics;

use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use crate::error::ServiceError;

/// The media type of an .xlsx workbook.
pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

impl From<XlsxError> for ServiceError {
    fn from(e: XlsxError) -> Self {
        ServiceError::internal(e, "writing a spreadsheet")
    }
}

/// A worksheet with a bold header row and frozen panes below it.
fn sheet<'a>(book: &'a mut Workbook, name: &str, headers: &[(&str, f64)]) -> Result<&'a mut Worksheet, XlsxError> {
    let bold = Format::new().set_bold();
    let sheet = book.add_worksheet().set_name(name)?;
    for (col, (title, width)) in headers.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, *title, &bold)?;
        sheet.set_column_width(col as u16, *width)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(sheet)
}
